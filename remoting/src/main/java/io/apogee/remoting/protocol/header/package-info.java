/** Custom headers of the broker requests (send, pull, offsets, transactions, consumer management, admin); field names are the wire keys. */
package io.apogee.remoting.protocol.header;
