package io.laas.command.devseed;

import io.laas.command.ledger.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import io.laas.command.apikey.ApiKeys;
import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.ledger.LedgerCommand.PostingLine;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.posting.Responder;
import io.laas.command.tenancy.Tenants;
import io.laas.events.Direction;

/**
 * Seeds the local stack once: a demo user (owner of a demo organization), a project, a USD ledger, a few accounts
 * and transactions, and an API key whose raw value the run command chose (so it can print it). Every step is
 * skipped when already done, so restarts of the stack keep their data and add nothing.
 */
@Component
@ConditionalOnProperty(name = "laas.dev.seed.enabled", havingValue = "true")
class DevSeed implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DevSeed.class);

	@ConfigurationProperties("laas.dev.seed")
	record Settings(boolean enabled, String email, String password, String apiKey, String ledgerIdFile) {
	}

	private final Settings settings;

	private final Tenants tenants;

	private final ApiKeys apiKeys;

	private final LedgerCommands commands;

	DevSeed(Settings settings, Tenants tenants, ApiKeys apiKeys, LedgerCommands commands) {
		this.settings = settings;
		this.tenants = tenants;
		this.apiKeys = apiKeys;
		this.commands = commands;
	}

	@Override
	public void run(ApplicationArguments args) {
		UUID userId = tenants.findUser(settings.email()).orElse(null);
		Tenants.Ledger ledger;
		if (userId == null) {
			userId = tenants.createUser(settings.email(), settings.password());
			UUID orgId = tenants.createOrganization("Demo Marketplace", userId);
			UUID projectId = tenants.createProject(orgId, "Payments", "payments");
			ledger = tenants.createLedger(orgId, projectId, "Main USD ledger", "main", "USD");
		}
		else {
			UUID orgId = tenants.organizationsOf(userId).get(0);
			ledger = tenants.ledgersOf(orgId).get(0);
		}
		if (apiKeys.authenticate(settings.apiKey()).isEmpty()) {
			apiKeys.createWithRawKey(ledger.orgId(), ledger.id(), "Demo key (./laas up)", false, null, settings.apiKey());
		}
		seedAccountsAndTransactions(ledger.id());
		writeLedgerId(ledger.id());
		log.info("dev seed ready: ledger {} for {}", ledger.id(), settings.email());
	}

	private void seedAccountsAndTransactions(UUID ledgerId) {
		account(ledgerId, "cash", "Cash at bank", AccountType.ASSET);
		account(ledgerId, "revenue", "Sales revenue", AccountType.REVENUE);
		account(ledgerId, "customer_wallets", "Customer wallets", AccountType.LIABILITY);
		account(ledgerId, "fees", "Payment fees", AccountType.EXPENSE);
		transaction(ledgerId, "demo-seed-1", "Sale #1001", "cash", "revenue", "100.00");
		transaction(ledgerId, "demo-seed-2", "Wallet top-up", "cash", "customer_wallets", "250.00");
		transaction(ledgerId, "demo-seed-3", "Card fee", "fees", "cash", "2.95");
	}

	private void account(UUID ledgerId, String code, String name, AccountType type) {
		LedgerCommand command = new LedgerCommand.CreateAccount(Ids.next(), new AccountCode(code), name, type,
				null, null, Set.of(), Map.of());
		// A second run gets account-already-exists, which is what we want.
		commands.execute(ledgerId, new CommandRequest(command, null, null, appended -> new Responder.Answer(201, "")));
	}

	private void transaction(UUID ledgerId, String key, String description, String debit, String credit,
			String amount) {
		LedgerCommand command = new LedgerCommand.PostTransaction(Ids.next(), null, description, Map.of(), null,
				false, null, List.of(
						new PostingLine(0, new AccountCode(debit), Direction.DEBIT, new java.math.BigDecimal(amount), null,
								null),
						new PostingLine(1, new AccountCode(credit), Direction.CREDIT, new java.math.BigDecimal(amount),
								null, null)));
		commands.execute(ledgerId,
				new CommandRequest(command, key, key, appended -> new Responder.Answer(201, Map.of("seeded", key))));
	}

	private void writeLedgerId(UUID ledgerId) {
		if (settings.ledgerIdFile() == null || settings.ledgerIdFile().isBlank()) {
			return;
		}
		try {
			Path file = Path.of(settings.ledgerIdFile());
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, ledgerId.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
