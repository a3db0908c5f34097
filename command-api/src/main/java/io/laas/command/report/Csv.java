package io.laas.command.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * RFC 4180 CSV: a header row, CRLF line ends, and a field quoted when it holds a comma, a quote or a line break
 * (quotes doubled). Free text (names, descriptions) that a spreadsheet would run as a formula is prefixed with an
 * apostrophe; amounts are plain decimal strings and never altered.
 */
final class Csv {

	static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final StringBuilder text = new StringBuilder();

	Csv(String... header) {
		row((Object[]) header);
	}

	/** One row; null is an empty field. */
	Csv row(Object... cells) {
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				text.append(',');
			}
			text.append(field(cells[i] == null ? "" : String.valueOf(cells[i])));
		}
		text.append("\r\n");
		return this;
	}

	/** Text a person typed: neutralised so that a spreadsheet shows it instead of evaluating it. */
	static String text(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + value : value;
	}

	static String time(Instant instant) {
		return instant == null ? null : instant.toString();
	}

	ResponseEntity<String> answer(String filename) {
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(text.toString());
	}

	private static String field(String value) {
		boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
				|| value.indexOf('\n') >= 0;
		return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
	}

}
