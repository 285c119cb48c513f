package io.apogee.client.admin;

/** Where one consumer group stands with one message (RocketMQ's {@code TrackType}, see {@link MessageTrack}). */
public enum TrackType {
    /** A push consumer group's offset is past the message, and its subscription takes the message's tag. */
    CONSUMED,
    /** A push consumer group's offset is past the message, but its subscription filters the message's tag out. */
    CONSUMED_BUT_FILTERED,
    /** A pull consumer group: it tracks its own progress, so whether it consumed the message is unknown. */
    PULL,
    /** A push consumer group whose offset has not reached the message. */
    NOT_CONSUME_YET,
    /** No consumer of the group is online. */
    NOT_ONLINE,
    /** The group's state could not be read (see the track's exception description). */
    UNKNOWN
}
