package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** UNREGISTER_CLIENT response (no fields). */
public class UnregisterClientResponseHeader implements CommandCustomHeader {
}
