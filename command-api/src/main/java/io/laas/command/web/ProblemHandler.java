package io.laas.command.web;

import java.util.List;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place that turns refusals into HTTP: every error of the API is problem+json with a stable {@code type}
 * and {@code code}, the fields at fault and a sentence. Never a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
		ResponseEntity<ProblemDetail> response = respond(Problems.of(problem));
		if (problem.status() == 413) {
			// The rest of the body is unread: the connection cannot carry another request.
			return ResponseEntity.status(413).header(HttpHeaders.CONNECTION, "close")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(response.getBody());
		}
		if (problem.retryAfterSeconds() > 0) {
			return ResponseEntity.status(response.getStatusCode())
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()))
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(response.getBody());
		}
		return response;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException ex) {
		return respond(Problems.of(ApiProblem.invalid(ex.getName(), "has an invalid value")));
	}

	/** Unexpected failures: logged with their cause here, answered without it. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("unexpected error", ex);
		return respond(Problems.of(500, "internal-error", "Internal error",
				"The request could not be completed and was logged. A command that failed this way wrote nothing; retry it with the same idempotency key.",
				List.of()));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return asObject(apiProblem(unreadable(ex)));
	}

	/** Spring's own MVC errors (404, 405, 415, ...) get our type and code too. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		String detail = (body instanceof ProblemDetail given && given.getDetail() != null) ? given.getDetail()
				: ex.getMessage();
		ProblemDetail problem = Problems.of(statusCode.value(), slugOf(statusCode.value()), titleOf(statusCode.value()),
				detail, List.of());
		return ResponseEntity.status(statusCode).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** A query string Tomcat cannot decode ({@code %zz}, bytes that are not UTF-8). */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException ex) {
		return respond(Problems.of(new ApiProblem(400, "malformed-query", "Malformed query string",
				"The query string is not valid percent-encoded UTF-8.", List.of())));
	}

	static ApiProblem unreadable(HttpMessageNotReadableException ex) {
		// Our own refusal raised while the body was read (e.g. the body size limit), wrapped by Jackson on the way.
		for (Throwable t = ex.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
			if (t instanceof ApiProblem problem) {
				return problem;
			}
		}
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			String field = path(unknown);
			return new ApiProblem(400, "unknown-field", "Unknown field",
					"'" + field + "' is not a field of this request; remove it.",
					List.of(new ApiProblem.FieldError(field, "is not a field of this request")));
		}
		if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
			String field = path((DatabindException) cause);
			String message = field.isEmpty() ? "The body does not have the expected shape."
					: "'" + field + "' has the wrong type or format"
							+ (field.endsWith("amount") ? "; amounts are decimal strings such as \"10.50\"." : ".");
			return new ApiProblem(400, "validation-failed", "The request is not valid", message,
					field.isEmpty() ? List.of() : List.of(new ApiProblem.FieldError(field, "has the wrong type or format")));
		}
		if (cause instanceof DatabindException databind && databind.getCause() instanceof IllegalArgumentException arg) {
			String field = path(databind);
			return ApiProblem.invalid(field, arg.getMessage());
		}
		if (cause instanceof JacksonException) {
			return new ApiProblem(400, "malformed-json", "Malformed JSON", "The body is not valid JSON.", List.of());
		}
		return new ApiProblem(400, "malformed-json", "Malformed request",
				"The body is missing or is not a JSON object.", List.of());
	}

	/** {@code postings[1].amount} from Jackson's reference chain. */
	static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (path.length() > 0) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	static String slugOf(int status) {
		switch (status) {
			case 404:
				return "not-found";
			case 405:
				return "method-not-allowed";
			case 406:
				return "not-acceptable";
			case 413:
				return "payload-too-large";
			case 414:
				return "uri-too-long";
			case 415:
				return "unsupported-media-type";
			case 431:
				return "request-header-fields-too-large";
			case 400:
				return "bad-request";
			default:
				return status >= 500 ? "internal-error" : "request-refused";
		}
	}

	static String titleOf(int status) {
		org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
		return known == null ? "Error" : known.getReasonPhrase();
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
		return (ResponseEntity) entity;
	}

}
