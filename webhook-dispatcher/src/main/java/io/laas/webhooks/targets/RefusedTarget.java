package io.laas.webhooks.targets;

/** A webhook URL this dispatcher will not send to, with a reason a person can act on. */
public class RefusedTarget extends Exception {

	private final boolean permanent;

	RefusedTarget(String reason, boolean permanent) {
		super(reason);
		this.permanent = permanent;
	}

	/**
	 * False when the refusal may go away by itself (the host does not resolve right now); true when only a change
	 * of the URL or of the DNS records can fix it. Either way the delivery is retried on its schedule, because the
	 * endpoint's URL may be corrected in the meantime.
	 */
	public boolean permanent() {
		return this.permanent;
	}

}
