package io.laas.command.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard is a single-page app: its client-side routes all load index.html (built by the dashboard module
 * into static/), and the browser's router takes over. API paths never reach this.
 */
@Controller
class DashboardRoutes {

	@GetMapping({ "/", "/login", "/signup", "/ledgers", "/ledgers/**", "/orgs/**", "/settings/**" })
	String dashboard() {
		return "forward:/index.html";
	}

}
