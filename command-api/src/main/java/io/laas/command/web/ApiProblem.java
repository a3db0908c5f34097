package io.laas.command.web;

import java.util.List;

/**
 * A request refused with a problem+json answer. {@code code} is the stable slug that also ends the problem's
 * {@code type} URI (e.g. {@code debits-not-equal-credits}); {@code errors} lists the fields at fault.
 */
public class ApiProblem extends RuntimeException {

	/** One input at fault: a JSON-pointer-like path such as {@code postings[1].amount}, and what is wrong with it. */
	public record FieldError(String field, String message) {
	}

	private final int status;

	private final String code;

	private final String title;

	private final transient List<FieldError> errors;

	public ApiProblem(int status, String code, String title, String detail, List<FieldError> errors) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
		this.title = title;
		this.errors = List.copyOf(errors);
	}

	public static ApiProblem invalid(String field, String message) {
		return new ApiProblem(400, "validation-failed", "The request is not valid",
				(field == null ? "" : "'" + field + "' ") + message, field == null ? List.of()
						: List.of(new FieldError(field, message)));
	}

	public static ApiProblem notFound(String what) {
		return new ApiProblem(404, "not-found", "Not found", what + " was not found.", List.of());
	}

	public int status() {
		return status;
	}

	public String code() {
		return code;
	}

	public String title() {
		return title;
	}

	public List<FieldError> errors() {
		return errors;
	}

	/** Seconds a client should wait before retrying; 0 when the answer carries no Retry-After. */
	public long retryAfterSeconds() {
		return 0;
	}

}
