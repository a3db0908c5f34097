package io.laas.projector.rebuild;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

import io.laas.projector.readmodel.ReadModelTables;

/**
 * Asked for with {@code laas.projector.rebuild=true} or the {@code --rebuild} argument. Happens once per
 * application start; run it with the other instances of the group stopped (they would keep applying to tables
 * being emptied), or under a new group id.
 */
@Component
public class Rebuild {

	private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

	private final boolean requested;

	private final ReadModelTables tables;

	private final AtomicBoolean done = new AtomicBoolean();

	public Rebuild(@Value("${laas.projector.rebuild:false}") boolean requested, ApplicationArguments arguments,
			ReadModelTables tables) {
		this.requested = requested || arguments.containsOption("rebuild");
		this.tables = tables;
	}

	/**
	 * Empties the read model if a rebuild was asked for and has not happened yet in this application.
	 * @return whether the feed must read every partition from the beginning
	 */
	public boolean prepare() {
		if (!this.requested || !this.done.compareAndSet(false, true)) {
			return false;
		}
		log.warn("Rebuild: emptying every read-model table, then replaying the topic from the beginning");
		this.tables.truncateAll();
		return true;
	}

}
