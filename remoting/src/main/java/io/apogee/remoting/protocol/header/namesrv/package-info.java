/**
 * Custom headers of the NameServer's requests and responses. Field names are the extFields keys RocketMQ 4.9.x
 * uses (its {@code common.protocol.header.namesrv} classes);
 * {@link io.apogee.remoting.protocol.Required} marks the keys RocketMQ declares {@code @CFNotNull}.
 */
package io.apogee.remoting.protocol.header.namesrv;
