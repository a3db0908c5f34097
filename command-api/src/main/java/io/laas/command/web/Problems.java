package io.laas.command.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import io.laas.command.ledger.Rejection;

/** Builds every problem+json body of the API, so that all of them carry the same members. */
public final class Problems {

	public static final String TYPE_BASE = "https://laas.dev/problems/";

	private Problems() {
	}

	public static ProblemDetail of(int status, String code, String title, String detail,
			List<ApiProblem.FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
		problem.setType(URI.create(TYPE_BASE + code));
		problem.setTitle(title);
		problem.setProperty("code", code);
		problem.setProperty("errors",
				errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
		return problem;
	}

	public static ProblemDetail of(ApiProblem problem) {
		return of(problem.status(), problem.code(), problem.title(), problem.getMessage(), problem.errors());
	}

	public static ProblemDetail of(Rejection rejection) {
		List<ApiProblem.FieldError> errors = rejection.field() == null ? List.of()
				: List.of(new ApiProblem.FieldError(rejection.field(), rejection.detail()));
		return of(rejection.code().status(), rejection.code().slug(), rejection.code().title(), rejection.detail(),
				errors);
	}

	public static ApiProblem asException(Rejection rejection) {
		List<ApiProblem.FieldError> errors = rejection.field() == null ? List.of()
				: List.of(new ApiProblem.FieldError(rejection.field(), rejection.detail()));
		return new ApiProblem(rejection.code().status(), rejection.code().slug(), rejection.code().title(),
				rejection.detail(), errors);
	}

}
