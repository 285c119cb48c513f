package io.apogee.interop.replication;

import io.apogee.testsupport.TestCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Starts {@link ReplicaSet}s for one test ({@code @RegisterExtension}): a test that fails prints the tail of every
 * server's output before its sets are stopped and their stores deleted; every set is stopped after each test, last
 * started first.
 */
final class ReplicaSets implements AfterEachCallback, TestExecutionExceptionHandler {

    private static final int LOG_LINES = 80;

    private final List<ReplicaSet> started = new ArrayList<>();

    /** Starts {@code layout} (see {@link ReplicaSet#layout}); the set is stopped after the test. */
    ReplicaSet start(TestCluster.Builder layout) throws Exception {
        ReplicaSet set = ReplicaSet.start(layout);
        started.add(set);
        return set;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        for (ReplicaSet set : started) {
            System.out.println("Servers of the failed test " + context.getDisplayName() + ":\n"
                    + set.logTails(LOG_LINES));
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
