package io.apogee.remoting.protocol.header;

import io.apogee.remoting.protocol.CommandCustomHeader;

/** VIEW_MESSAGE_BY_ID response (no fields). */
public class ViewMessageResponseHeader implements CommandCustomHeader {
}
