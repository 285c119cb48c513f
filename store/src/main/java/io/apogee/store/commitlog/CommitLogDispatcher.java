package io.apogee.store.commitlog;

import java.io.IOException;

/** Builds a derived structure (consume queues, key index) from the records the dispatch service reads. */
public interface CommitLogDispatcher {

    /**
     * Handles one message record, in commit-log order, on the dispatch thread. Must be idempotent for records it
     * has already seen (recovery dispatches from the checkpoint again).
     */
    void dispatch(DispatchRequest request) throws IOException;
}
