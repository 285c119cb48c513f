package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** END_TRANSACTION response (no fields). */
public class EndTransactionResponseHeader implements CommandCustomHeader {
}
