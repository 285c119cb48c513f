/**
 * Apogee's message store, compatible with RocketMQ 4.9.x's on-disk message encoding.
 *
 * <p>This package is the API the broker uses: {@link io.apogee.store.MessageStore}, its config
 * {@link io.apogee.store.MessageStoreConfig} (RocketMQ key names) and the result types. The implementation is
 * {@link io.apogee.store.core.LocalMessageStore}, built from:
 * <ul>
 *   <li>{@code file}: memory-mapped files named by start offset, and the queue of them;</li>
 *   <li>{@code commitlog}: the append-only commit log and the record parser used by dispatch and recovery;</li>
 *   <li>{@code dispatch}: the reput service that feeds consume queues and the index from the commit log;</li>
 *   <li>{@code queue}: consume queues (20-byte entries) and reads by logical offset;</li>
 *   <li>{@code index}: the key index over KEYS and UNIQ_KEY;</li>
 *   <li>{@code flush}: ASYNC_FLUSH interval flushing, SYNC_FLUSH group commit, queue/index flush and checkpoint;</li>
 *   <li>{@code recovery}: checkpoint and start-up recovery (clean or after a crash);</li>
 *   <li>{@code retention}: expiry of old files and the disk-full guard;</li>
 *   <li>{@code stats}: put/get counters and rates.</li>
 * </ul>
 * Subpackages depend on this package's types, never on {@code core}; {@code core} wires them.
 */
package io.apogee.store;
