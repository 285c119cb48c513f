package io.apogee.testsupport;

/** A NameServer or broker a {@link ServerLauncher} started; {@link #close()} stops it gracefully. */
public interface RunningServer extends AutoCloseable {

    /** The process the server runs in (this JVM's for in-process servers), e.g. to read its memory use. */
    long pid();

    @Override
    void close();

    /** A server running in this JVM that {@code shutdown} stops. */
    static RunningServer inThisJvm(Runnable shutdown) {
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
}
