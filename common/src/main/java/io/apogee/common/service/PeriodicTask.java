package io.apogee.common.service;

/**
 * A {@link ServiceLoop} that runs one action per step, for duties that are just "do this every N ms" (persist
 * offsets, sample stats, expire idle clients); the runner's idle time is the period.
 */
public final class PeriodicTask implements ServiceLoop {

    private final String roleName;
    private final Runnable action;

    public PeriodicTask(String roleName, Runnable action) {
        this.roleName = roleName;
        this.action = action;
    }

    @Override
    public String roleName() {
        return roleName;
    }

    @Override
    public int doWork() {
        action.run();
        return 0;
    }
}
