package io.apogee.namesrv.route;

import io.apogee.remoting.protocol.body.DataVersion;
import io.netty.channel.Channel;

/**
 * The last word from one broker process.
 *
 * @param lastUpdateMillis when it last registered (or confirmed an unchanged data version)
 * @param dataVersion      the version of the topic config it last sent
 * @param channel          the connection it registered on; when that closes, the broker is dropped
 */
public record BrokerLiveInfo(long lastUpdateMillis, DataVersion dataVersion, Channel channel, String haServerAddr) {

    BrokerLiveInfo touchedAt(long nowMillis) {
        return new BrokerLiveInfo(nowMillis, dataVersion, channel, haServerAddr);
    }
}
