package io.laas.projector.rebuild;

/** What a replay reports while it runs: progress lines and the steps it passes. */
public interface ReplayListener {

	/** The steps of a replay, in order ({@link #SWAPPING} may repeat if an attempt is given up). */
	enum Step {

		/** {@code read_model_next} is migrated and the end offsets to reach are known; reading starts. */
		READING,

		/** The end offsets seen at start are reached; reading on to the current end. */
		CATCHING_UP,

		/** The swap guard is held: the live projector waits; the last records are being applied. */
		SWAPPING,

		/** The rebuilt read model is {@code read_model}. */
		SWAPPED

	}

	void progress(ReplayProgress progress);

	default void step(Step step) {
	}

	/** Something a person running the replay should know (schemas dropped, the swap done). */
	default void note(String message) {
	}

}
