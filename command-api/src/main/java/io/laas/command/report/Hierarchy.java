package io.laas.command.report;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.Balances;

/**
 * The accounts of one currency as a forest ({@code parent_code}), each with its own totals plus all of its
 * descendants'. Pure. The write side guarantees that a child has its parent's currency and type and that the
 * parent existed first; a read model that says otherwise is a bug, and this throws rather than guess.
 */
final class Hierarchy {

	/** An account in tree order: its depth (0 at the top) and its totals rolled up over its subtree. */
	record Node(AccountTotals account, int level, Balances rolledUp) {

		/** The rolled-up posted balance on the account's normal side. */
		BigDecimal balance() {
			return rolledUp.posted(account.normalSide());
		}

		/** Rolled-up posted debits minus credits. */
		BigDecimal netDebit() {
			return rolledUp.debitsPosted().subtract(rolledUp.creditsPosted());
		}

	}

	/** Top-level accounts: by type (assets, liabilities, equity, revenue, expenses), then by code. */
	private static final Comparator<AccountTotals> ROOT_ORDER = Comparator
		.comparing((AccountTotals a) -> a.type().ordinal())
		.thenComparing(AccountTotals::code);

	private final String currency;

	private final List<Node> nodes;

	private Hierarchy(String currency, List<Node> nodes) {
		this.currency = currency;
		this.nodes = List.copyOf(nodes);
	}

	/** One hierarchy per currency, in currency-code order. */
	static List<Hierarchy> byCurrency(List<AccountTotals> accounts) {
		Map<String, AccountTotals> byCode = new HashMap<>();
		for (AccountTotals account : accounts) {
			if (byCode.put(account.code(), account) != null) {
				throw new IllegalStateException("account " + account.code() + " appears twice");
			}
		}
		Map<String, List<AccountTotals>> byCurrency = new TreeMap<>();
		for (AccountTotals account : accounts) {
			if (account.parentCode() != null) {
				AccountTotals parent = byCode.get(account.parentCode());
				if (parent == null || !parent.currency().equals(account.currency())
						|| parent.type() != account.type()) {
					throw new IllegalStateException("account " + account.code() + " (" + account.type().wire() + ", "
							+ account.currency() + ") names parent " + account.parentCode() + ", which "
							+ (parent == null ? "does not exist"
									: "is " + parent.type().wire() + " in " + parent.currency()));
				}
			}
			byCurrency.computeIfAbsent(account.currency(), c -> new ArrayList<>()).add(account);
		}
		List<Hierarchy> hierarchies = new ArrayList<>();
		byCurrency.forEach((currency, members) -> hierarchies.add(build(currency, members)));
		return hierarchies;
	}

	private static Hierarchy build(String currency, List<AccountTotals> accounts) {
		Map<String, List<AccountTotals>> children = new HashMap<>();
		List<AccountTotals> roots = new ArrayList<>();
		for (AccountTotals account : accounts) {
			if (account.parentCode() == null) {
				roots.add(account);
			}
			else {
				children.computeIfAbsent(account.parentCode(), p -> new ArrayList<>()).add(account);
			}
		}
		roots.sort(ROOT_ORDER);
		children.values().forEach(list -> list.sort(Comparator.comparing(AccountTotals::code)));

		// Depth-first, parents before children; iterative so that a deep chain cannot overflow the stack.
		List<AccountTotals> treeOrder = new ArrayList<>();
		Map<String, Integer> levels = new HashMap<>();
		Deque<AccountTotals> stack = new ArrayDeque<>();
		for (int i = roots.size() - 1; i >= 0; i--) {
			stack.push(roots.get(i));
			levels.put(roots.get(i).code(), 0);
		}
		while (!stack.isEmpty()) {
			AccountTotals account = stack.pop();
			treeOrder.add(account);
			List<AccountTotals> below = children.getOrDefault(account.code(), List.of());
			for (int i = below.size() - 1; i >= 0; i--) {
				stack.push(below.get(i));
				levels.put(below.get(i).code(), levels.get(account.code()) + 1);
			}
		}
		if (treeOrder.size() != accounts.size()) {
			throw new IllegalStateException("the " + currency + " accounts' parent codes form a cycle");
		}

		// Children come after their parent in tree order: walking it backwards rolls each subtree up once.
		Map<String, Balances> rolled = new HashMap<>();
		for (int i = treeOrder.size() - 1; i >= 0; i--) {
			AccountTotals account = treeOrder.get(i);
			Balances sum = account.totals();
			for (AccountTotals child : children.getOrDefault(account.code(), List.of())) {
				sum = AccountTotals.plus(sum, rolled.get(child.code()));
			}
			rolled.put(account.code(), sum);
		}
		Map<String, Node> nodes = new LinkedHashMap<>();
		for (AccountTotals account : treeOrder) {
			nodes.put(account.code(), new Node(account, levels.get(account.code()), rolled.get(account.code())));
		}
		return new Hierarchy(currency, new ArrayList<>(nodes.values()));
	}

	String currency() {
		return currency;
	}

	/** Every account, parents before their children. */
	List<Node> nodes() {
		return nodes;
	}

	List<Node> nodes(AccountType type) {
		return nodes.stream().filter(n -> n.account().type() == type).toList();
	}

	/** Top-level accounts: their rolled-up figures together cover every account exactly once. */
	List<Node> roots() {
		return nodes.stream().filter(n -> n.level() == 0).toList();
	}

	/** The rolled-up normal-side balance of every top-level account of the type, summed. */
	BigDecimal total(AccountType type) {
		BigDecimal total = BigDecimal.ZERO;
		for (Node root : roots()) {
			if (root.account().type() == type) {
				total = total.add(root.balance());
			}
		}
		return total;
	}

}
