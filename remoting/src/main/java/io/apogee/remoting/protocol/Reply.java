package io.apogee.remoting.protocol;

import java.util.concurrent.CompletionStage;

/**
 * What a {@link io.apogee.remoting.RequestProcessor} gives back: a response ready now or one that completes later.
 * A {@link RemotingCommand} is itself a reply that is ready now, so a synchronous handler returns its response as it
 * is and nothing extra is allocated; {@link #later} wraps a response still to come (a send the store acknowledges
 * asynchronously, a pull held by long polling). Either way the remoting endpoint writes it.
 */
public sealed interface Reply permits RemotingCommand, Reply.Later {

    /**
     * A response that {@code response} completes. If it completes exceptionally, the request is answered
     * {@code SYSTEM_ERROR} with the failure's description.
     */
    static Reply later(CompletionStage<RemotingCommand> response) {
        return new Later(response);
    }

    /**
     * A response still to come.
     *
     * @param response completes with the response ({@code null}: none to write)
     */
    record Later(CompletionStage<RemotingCommand> response) implements Reply {
    }
}
