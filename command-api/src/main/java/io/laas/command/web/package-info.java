/**
 * The HTTP edge shared by every capability: JSON settings (snake_case, strict types) and the one place that turns
 * rejections and malformed requests into RFC 9457 problem+json.
 */
package io.laas.command.web;
