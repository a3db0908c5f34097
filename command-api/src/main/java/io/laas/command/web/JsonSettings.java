package io.laas.command.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON for a money API: snake_case, unknown fields refused (a client sending {@code balance} must hear
 * that it is ignored, not believe it was applied), and no silent coercion — {@code "amount": 10.5} is a number,
 * and numbers are not accepted where a decimal string is required.
 */
@Configuration(proxyBeanMethods = false)
class JsonSettings {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return builder -> builder.addModule(new SimpleModule("laas-text-without-nul")
			.addDeserializer(String.class, new TextWithoutNul())
			.addKeyDeserializer(String.class, new KeyWithoutNul()))
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.withCoercionConfig(LogicalType.Textual, config -> config
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean, config -> config
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer, config -> config
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
	}

	/**
	 * PostgreSQL can store no U+0000 in text or jsonb; a string carrying one would fail at the insert (a 500, or a
	 * 503 from the posting lanes). Refused while parsing instead, as a 400 naming the field.
	 */
	static final class TextWithoutNul extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = super.deserialize(parser, context);
			if (value != null && value.indexOf('\u0000') >= 0) {
				return (String) context.handleWeirdStringValue(String.class, value, NUL);
			}
			return value;
		}

	}

	/** The same for object keys, e.g. of {@code metadata}. */
	static final class KeyWithoutNul extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext context) {
			if (key != null && key.indexOf('\u0000') >= 0) {
				return context.handleWeirdKey(String.class, key, NUL);
			}
			return key;
		}

	}

	private static final String NUL = "contains U+0000 (NUL), which no text accepts";

}
