package io.apogee.remoting;

import io.netty.channel.Channel;

/** Hears about connections coming and going, e.g. so the NameServer can evict a broker whose channel closed. */
public interface ChannelEventListener {

    default void onChannelConnect(String remoteAddr, Channel channel) {
    }

    default void onChannelClose(String remoteAddr, Channel channel) {
    }

    default void onChannelException(String remoteAddr, Channel channel) {
    }

    /** The channel saw no traffic for the idle limit; it is being closed. */
    default void onChannelIdle(String remoteAddr, Channel channel) {
    }
}
