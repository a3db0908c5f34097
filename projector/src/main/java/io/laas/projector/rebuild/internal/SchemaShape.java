package io.laas.projector.rebuild.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

import io.laas.projector.readmodel.ReadModelSchema;

/**
 * What a schema is made of, as PostgreSQL's catalog says, with the schema's own name written {@code <schema>}: its
 * owner, privileges and default privileges; every table, view and sequence with its owner, privileges and row-level
 * security flags; columns, indexes, constraints, policies, triggers, functions. Two schemas built by the same
 * migrations have equal shapes; a migration that names {@code read_model} instead of leaving the schema to Flyway
 * makes them differ, and a replay refuses to swap in a read model that would lose a grant or a policy.
 */
public final class SchemaShape {

	private static final String NS = "(select oid from pg_namespace where nspname = ?)";

	private static final List<String> QUERIES = List.of("""
			select 'schema owner=' || pg_get_userbyid(n.nspowner) || ' acl=' || coalesce(n.nspacl::text, '-')
			from pg_namespace n where n.nspname = ?""", """
			select 'default-acl ' || pg_get_userbyid(d.defaclrole) || ' ' || d.defaclobjtype::text || ' ' || d.defaclacl::text
			from pg_default_acl d where d.defaclnamespace = %1$s""", """
			select 'relation ' || c.relname || ' kind=' || c.relkind::text || ' owner=' || pg_get_userbyid(c.relowner)
			    || ' acl=' || coalesce(c.relacl::text, '-') || ' rls=' || c.relrowsecurity
			    || ' force-rls=' || c.relforcerowsecurity
			from pg_class c where c.relnamespace = %1$s and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')""", """
			select 'column ' || c.relname || '.' || a.attname || ' #' || a.attnum || ' '
			    || format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else '' end
			    || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') || coalesce(' acl=' || a.attacl::text, '')
			from pg_attribute a join pg_class c on c.oid = a.attrelid
			    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
			where c.relnamespace = %1$s and c.relkind in ('r', 'p', 'v', 'm', 'f') and a.attnum > 0
			    and not a.attisdropped""", """
			select 'index ' || i.indexname || ' ' || i.indexdef from pg_indexes i where i.schemaname = ?""", """
			select 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
			from pg_constraint k join pg_class c on c.oid = k.conrelid where c.relnamespace = %1$s""", """
			select 'policy ' || p.tablename || '.' || p.policyname || ' ' || p.permissive || ' ' || p.roles::text || ' '
			    || p.cmd || ' using ' || coalesce(p.qual, '-') || ' check ' || coalesce(p.with_check, '-')
			from pg_policies p where p.schemaname = ?""", """
			select 'trigger ' || c.relname || '.' || t.tgname || ' ' || pg_get_triggerdef(t.oid)
			from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = %1$s and not t.tgisinternal""",
			"""
			select 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') owner='
			    || pg_get_userbyid(p.proowner) || ' acl=' || coalesce(p.proacl::text, '-') || ' '
			    || md5(coalesce(p.prosrc, ''))
			from pg_proc p where p.pronamespace = %1$s""", """
			select 'view ' || c.relname || ' ' || pg_get_viewdef(c.oid)
			from pg_class c where c.relnamespace = %1$s and c.relkind in ('v', 'm')""");

	private final TreeSet<String> lines;

	private SchemaShape(TreeSet<String> lines) {
		this.lines = lines;
	}

	public static SchemaShape of(JdbcTemplate jdbc, String schema) {
		ReadModelSchema.requireName(schema);
		TreeSet<String> lines = new TreeSet<>();
		for (String query : QUERIES) {
			for (String line : jdbc.queryForList(query.formatted(NS), String.class, schema)) {
				lines.add(line.replace("\"" + schema + "\".", "<schema>.").replace(schema + ".", "<schema>."));
			}
		}
		return new SchemaShape(lines);
	}

	/** Lines in one shape and not in the other, each marked with the schema it belongs to; empty if they are equal. */
	public List<String> differences(String name, SchemaShape other, String otherName) {
		List<String> differences = new ArrayList<>();
		this.lines.stream().filter((line) -> !other.lines.contains(line)).forEach((line) -> differences.add(name + ": " + line));
		other.lines.stream().filter((line) -> !this.lines.contains(line)).forEach((line) -> differences.add(otherName + ": " + line));
		return differences;
	}

	/** The tables (relations of kind {@code r}/{@code p}) it has. */
	public List<String> tables() {
		return this.lines.stream()
			.filter((line) -> line.startsWith("relation ") && (line.contains(" kind=r ") || line.contains(" kind=p ")))
			.map((line) -> line.substring("relation ".length(), line.indexOf(' ', "relation ".length())))
			.toList();
	}

}
