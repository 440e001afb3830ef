package io.reactls.fuzz;

/**
 * How long one {@code JAZZER_FUZZ=1} run of one target lasts ({@code @FuzzTest(maxDuration)} must be a constant).
 * Without JAZZER_FUZZ the targets only replay their inputs and these do not apply.
 */
final class FuzzBudget {

    static final String ENGINE = "3m";
    static final String DECODER = "2m";

    private FuzzBudget() {
    }
}
