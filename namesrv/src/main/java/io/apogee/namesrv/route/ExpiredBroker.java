package io.apogee.namesrv.route;

import io.netty.channel.Channel;

/** A broker the route table dropped, with the channel its owner should close. */
public record ExpiredBroker(String brokerAddr, Channel channel, long lastUpdateMillis) {
}
