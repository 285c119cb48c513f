package io.apogee.client.admin;

import io.apogee.common.protocol.LanguageCode;

/**
 * One producer client a broker knows, in a producer group (GET_ALL_PRODUCER_INFO, {@code mqadmin producer}).
 *
 * @param remoteIp the client's address as the broker sees it, {@code /ip:port}
 * @param version  the client's protocol version number (409 for 4.9.8)
 */
public record ProducerInstance(String clientId, String remoteIp, LanguageCode language, int version,
        long lastUpdateTimestamp) {
}
