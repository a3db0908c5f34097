package io.laas.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layout rules of STYLE.md, checked: a pure domain, and capabilities that keep their internals private. */
class ArchitectureTest {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.laas.command");

	@Test
	void ledgerDomain_dependsOnNoFrameworkDatabaseOrBroker() {
		noClasses().that()
			.resideInAPackage("io.laas.command.ledger..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "org.apache.kafka..",
					"io.debezium..", "tools.jackson..", "jakarta.servlet..")
			.check(classes);
	}

	@Test
	void internalPackages_areUsedOnlyByTheirOwnCapability() {
		noClasses().that()
			.resideOutsideOfPackage("io.laas.command.posting..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.laas.command.posting.internal..")
			.check(classes);
	}

	@Test
	void domain_doesNotReachBackIntoTheHttpEdge() {
		noClasses().that()
			.resideInAnyPackage("io.laas.command.ledger..", "io.laas.command.posting..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.laas.command.account..", "io.laas.command.transaction..",
					"io.laas.command.session..", "io.laas.command.tenancy..")
			.check(classes);
	}

}
