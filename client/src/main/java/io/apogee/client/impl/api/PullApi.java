package io.apogee.client.impl.api;

import io.apogee.client.MQBrokerException;
import io.apogee.common.message.MessageExt;
import io.apogee.common.message.StoredMessageCodec;
import io.apogee.common.message.SysFlag;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.netty.NettyRemotingClient;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RequestCode;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.header.PullMessageRequestHeader;
import io.apogee.remoting.protocol.header.PullMessageResponseHeader;
import java.nio.ByteBuffer;
import java.util.List;

/** PULL_MESSAGE, synchronous (lite pull) or asynchronous (push consumer long polling). */
public final class PullApi {

    /** PullSysFlag bits (message-format.md §10). */
    public static final int FLAG_COMMIT_OFFSET = 0x1;
    public static final int FLAG_SUSPEND = 0x2;
    public static final int FLAG_SUBSCRIPTION = 0x4;

    /** Receives the outcome of an asynchronous pull. */
    public interface Callback {
        void onSuccess(PullResult result);

        void onException(Exception e);
    }

    private final NettyRemotingClient remoting;

    public PullApi(NettyRemotingClient remoting) {
        this.remoting = remoting;
    }

    public PullResult pullSync(String addr, PullMessageRequestHeader header, long timeoutMillis)
            throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand response = remoting.invokeSync(addr,
                RemotingCommand.request(RequestCode.PULL_MESSAGE, header), timeoutMillis);
        return decode(response, addr);
    }

    /** Sends the pull; {@code callback} runs on a remoting callback thread. */
    public void pullAsync(String addr, PullMessageRequestHeader header, long timeoutMillis, Callback callback)
            throws RemotingException, InterruptedException {
        remoting.invokeAsync(addr, RemotingCommand.request(RequestCode.PULL_MESSAGE, header), timeoutMillis,
                (response, failure) -> {
                    if (failure != null) {
                        callback.onException(failure);
                        return;
                    }
                    PullResult result;
                    try {
                        result = decode(response, addr);
                    } catch (MQBrokerException | IllegalArgumentException e) {
                        callback.onException(e);
                        return;
                    }
                    callback.onSuccess(result);
                });
    }

    private static PullResult decode(RemotingCommand response, String addr) throws MQBrokerException {
        PullStatus status = switch (response.code()) {
            case ResponseCode.SUCCESS -> PullStatus.FOUND;
            case ResponseCode.PULL_NOT_FOUND -> PullStatus.NO_NEW_MSG;
            case ResponseCode.PULL_RETRY_IMMEDIATELY -> PullStatus.NO_MATCHED_MSG;
            case ResponseCode.PULL_OFFSET_MOVED -> PullStatus.OFFSET_ILLEGAL;
            default -> throw new MQBrokerException(response.code(), response.remark(), addr);
        };
        PullMessageResponseHeader header = Responses.header(response, PullMessageResponseHeader.class, addr);
        List<MessageExt> messages = status == PullStatus.FOUND && response.body() != null
                ? decodeMessages(response.body()) : List.of();
        return new PullResult(status, header.getNextBeginOffset(), header.getMinOffset(), header.getMaxOffset(),
                header.getSuggestWhichBrokerId(), messages);
    }

    /** Decodes stored records and inflates compressed bodies. */
    public static List<MessageExt> decodeMessages(byte[] body) {
        List<MessageExt> messages = StoredMessageCodec.decodeAll(ByteBuffer.wrap(body));
        for (MessageExt m : messages) {
            if ((m.getSysFlag() & SysFlag.COMPRESSED) != 0 && m.getBody() != null) {
                m.setBody(Compression.inflate(m.getBody()));
            }
        }
        return messages;
    }
}
