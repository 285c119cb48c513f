/**
 * Master/slave replication over RocketMQ 4.9's raw HA protocol ({@link io.apogee.store.ha.HaProtocol}), plain
 * {@code java.nio}, no remoting.
 *
 * <p>Master side: {@link io.apogee.store.ha.MasterReplication} accepts slaves ({@code SlaveAcceptor}), runs one
 * service loop per connection ({@code SlaveConnection}: reads the slave's offset reports, streams commit-log frames,
 * heartbeats, housekeeping) and one loop completing SYNC_MASTER waiters in groups ({@code ReplicaAckService}).
 * Slave side: {@link io.apogee.store.ha.HaClient} connects, reports, and appends the master's bytes at the same
 * offsets; the store's reput then builds consume queues and the key index as for local appends.
 *
 * <p>Who owns which offset: the commit log's end belongs to the appenders (master) or to the HA client (slave); a
 * connection's transfer position and sent end belong to its loop; a connection's acknowledged offset is only ever
 * what the slave reported, and only when the report is plausible (at most what this connection has sent, never past
 * the master's end), so an acknowledgement can never cover bytes the slave did not confirm (apache/rocketmq #1155,
 * #3015).
 */
package io.apogee.store.ha;
