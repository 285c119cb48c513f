package io.apogee.common.service;

/**
 * One background duty of a component (flush, dispatch, registration, scan, ...), run by a {@link ServiceRunner}.
 *
 * <p>The runner calls {@link #doWork()} repeatedly on its own thread; when a step reports no work it idles until the
 * loop's interval passes or someone calls {@link ServiceRunner#wakeup()}.
 */
public interface ServiceLoop {

    /** The name of the thread that runs this loop, e.g. {@code "ApogeeFlushCommitLog"}. */
    String roleName();

    /**
     * Does one step of work.
     *
     * @return how much work was done; {@code 0} lets the runner idle before the next step
     * @throws Exception anything the step cannot handle; the runner logs it once and carries on
     */
    int doWork() throws Exception;

    /** Called on the loop's thread before the first step. */
    default void onStart() {
    }

    /** Called on the loop's thread after the last step, when the runner is closed. */
    default void onClose() {
    }
}
