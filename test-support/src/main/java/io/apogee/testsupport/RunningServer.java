package io.apogee.testsupport;

/** A NameServer or broker a {@link ServerLauncher} started; {@link #close()} stops it gracefully. */
public interface RunningServer extends AutoCloseable {

    /** The process the server runs in (this JVM's for in-process servers), e.g. to read its memory use. */
    long pid();

    @Override
    void close();

    /**
     * Runs {@code startup} of a server in this JVM that {@code shutdown} stops. A server that fails to start is shut
     * down at once (it may hold ports, threads and files by then) and the failure is thrown.
     */
    static RunningServer startInThisJvm(Startup startup, Runnable shutdown) throws Exception {
        try {
            startup.run();
        } catch (Exception e) {
            try {
                shutdown.run();
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        return new RunningServer() {
            @Override
            public long pid() {
                return ProcessHandle.current().pid();
            }

            @Override
            public void close() {
                shutdown.run();
            }
        };
    }

    /** Starts a server in this JVM. */
    @FunctionalInterface
    interface Startup {
        void run() throws Exception;
    }
}
