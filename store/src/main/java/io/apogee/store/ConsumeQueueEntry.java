package io.apogee.store;

/**
 * One consume-queue entry as stored: where its message is in the commit log, how long it is, and its tag code (the
 * tag's hash, or for a delay-level topic the delivery time).
 */
public record ConsumeQueueEntry(long commitLogOffset, int size, long tagsCode) {
}
