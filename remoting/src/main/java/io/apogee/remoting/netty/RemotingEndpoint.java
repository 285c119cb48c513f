package io.apogee.remoting.netty;

import io.apogee.common.service.ServiceLoop;
import io.apogee.common.service.ServiceRunner;
import io.apogee.remoting.ChannelEventListener;
import io.apogee.remoting.InvokeCallback;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.exception.RemotingSendRequestException;
import io.apogee.remoting.exception.RemotingTimeoutException;
import io.apogee.remoting.exception.RemotingTooMuchRequestException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.ResponseCode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server and a client share: requests in either direction on a channel, correlated by opaque; incoming
 * requests dispatched to processors by code on their executors; a scan that fails requests past their timeout.
 */
abstract class RemotingEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(RemotingEndpoint.class);
    private static final long TIMEOUT_SCAN_MILLIS = 100;
    static final String OVERLOAD_REMARK = "[OVERLOAD]system busy, start flow control for a while";
    static final String REJECT_REMARK = "[REJECTREQUEST]system busy, start flow control for a while";

    private final Map<Integer, Registration> processors = new ConcurrentHashMap<>();
    private final Map<Integer, ResponseFuture> pending = new ConcurrentHashMap<>();
    private final List<RpcHook> rpcHooks = new CopyOnWriteArrayList<>();
    private final Semaphore asyncPermits;
    private final Semaphore onewayPermits;
    private final ServiceRunner timeoutScanner;
    private final ChannelEventListener listener;
    private volatile Registration defaultProcessor;

    private record Registration(RequestProcessor processor, ExecutorService executor) {
    }

    RemotingEndpoint(String name, int asyncPermits, int onewayPermits, ChannelEventListener listener) {
        this.asyncPermits = new Semaphore(asyncPermits, true);
        this.onewayPermits = new Semaphore(onewayPermits, true);
        this.listener = listener != null ? listener : new ChannelEventListener() { };
        this.timeoutScanner = new ServiceRunner(new TimeoutScan(name + "TimeoutScan"), TIMEOUT_SCAN_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Executor that runs asynchronous-invoke callbacks. */
    abstract ExecutorService callbackExecutor();

    /** Routes requests with {@code requestCode} to {@code processor}, run on {@code executor}. */
    public void registerProcessor(int requestCode, RequestProcessor processor, ExecutorService executor) {
        processors.put(requestCode, new Registration(processor, executor));
    }

    /** Handles every request code that has no processor of its own. */
    public void registerDefaultProcessor(RequestProcessor processor, ExecutorService executor) {
        defaultProcessor = new Registration(processor, executor);
    }

    public void registerRpcHook(RpcHook hook) {
        rpcHooks.add(hook);
    }

    ChannelEventListener listener() {
        return listener;
    }

    void startEndpoint() {
        timeoutScanner.start();
    }

    void shutdownEndpoint() {
        timeoutScanner.close();
        for (ResponseFuture future : pending.values()) {
            failPending(future, new RemotingSendRequestException("endpoint shut down"));
        }
    }

    /** The inbound handler that feeds decoded commands to this endpoint. */
    ChannelHandler commandHandler() {
        return new CommandHandler();
    }

    @ChannelHandler.Sharable
    private final class CommandHandler extends SimpleChannelInboundHandler<RemotingCommand> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand cmd) {
            if (cmd.isResponse()) {
                onResponse(cmd);
            } else {
                onRequest(ctx.channel(), cmd);
            }
        }
    }

    private void onResponse(RemotingCommand response) {
        ResponseFuture future = pending.remove(response.opaque());
        if (future == null) {
            LOG.debug("response with unknown opaque {} dropped (timed out?)", response.opaque());
            return;
        }
        if (future.complete(response) && future.callback() != null) {
            runCallback(future);
        }
    }

    private void onRequest(Channel channel, RemotingCommand request) {
        Registration reg = processors.getOrDefault(request.code(), defaultProcessor);
        if (reg == null) {
            if (!request.isOneway()) {
                String remark = " request type " + request.code() + " not supported";
                writeResponse(channel, request, RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                        remark));
            }
            LOG.debug("request code {} from {} not supported", request.code(), Channels.remoteAddress(channel));
            return;
        }
        if (reg.processor().rejectRequest()) {
            writeResponse(channel, request, RemotingCommand.response(ResponseCode.SYSTEM_BUSY, REJECT_REMARK));
            return;
        }
        try {
            reg.executor().execute(new RequestTask(channel, request, () -> process(reg.processor(), channel, request),
                    this));
        } catch (RejectedExecutionException e) {
            LOG.warn("executor full, request code {} from {} refused", request.code(), Channels.remoteAddress(channel));
            if (!request.isOneway()) {
                writeResponse(channel, request, RemotingCommand.response(ResponseCode.SYSTEM_BUSY, OVERLOAD_REMARK));
            }
        }
    }

    private void process(RequestProcessor processor, Channel channel, RemotingCommand request) {
        String peer = Channels.remoteAddress(channel);
        RemotingCommand response;
        try {
            rpcHooks.forEach(h -> h.doBeforeRequest(peer, request));
            response = processor.processRequest(channel, request);
            if (response != null) {
                RemotingCommand answered = response;
                rpcHooks.forEach(h -> h.doAfterResponse(peer, request, answered));
            }
        } catch (RemotingCommandException e) {
            LOG.warn("bad request code {} from {}: {}", request.code(), peer, e.getMessage());
            response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR, e.getMessage());
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.warn("processing request code {} from {} failed", request.code(), peer, e);
            response = RemotingCommand.response(ResponseCode.SYSTEM_ERROR, describe(e));
        }
        if (response != null) {
            writeResponse(channel, request, response);
        }
    }

    private static String describe(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length > 0 ? ", " + trace[0] : "";
        return e.getClass().getName() + ": " + e.getMessage() + where;
    }

    void writeResponse(Channel channel, RemotingCommand request, RemotingCommand response) {
        if (request.isOneway()) {
            return;
        }
        response.answering(request).flag(response.flag() | 1);
        channel.writeAndFlush(response).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.warn("response to request code {} could not be written to {}: {}", request.code(),
                        Channels.remoteAddress(channel), f.cause().toString());
            }
        });
    }

    RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        ResponseFuture future = new ResponseFuture(channel, request.opaque(), timeoutMillis, null, null);
        pending.put(request.opaque(), future);
        String peer = Channels.remoteAddress(channel);
        try {
            rpcHooks.forEach(h -> h.doBeforeRequest(peer, request));
            channel.writeAndFlush(request).addListener(f -> {
                if (!f.isSuccess()) {
                    failPending(future, new RemotingSendRequestException("send request to " + peer + " failed",
                            f.cause()));
                }
            });
            RemotingCommand response = future.await(timeoutMillis);
            if (response == null) {
                if (future.failure() != null) {
                    throw future.failure();
                }
                throw new RemotingTimeoutException("wait response from " + peer + " timeout after " + timeoutMillis
                        + " ms, request code " + request.code());
            }
            rpcHooks.forEach(h -> h.doAfterResponse(peer, request, response));
            return response;
        } finally {
            pending.remove(request.opaque());
        }
    }

    void invokeAsync(Channel channel, RemotingCommand request, long timeoutMillis, InvokeCallback callback)
            throws InterruptedException, RemotingException {
        long start = System.currentTimeMillis();
        if (!asyncPermits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new RemotingTooMuchRequestException("too many asynchronous requests in flight ("
                    + asyncPermits.availablePermits() + " permits left) waiting " + timeoutMillis + " ms");
        }
        long left = Math.max(1, timeoutMillis - (System.currentTimeMillis() - start));
        ResponseFuture future = new ResponseFuture(channel, request.opaque(), left, callback, asyncPermits);
        pending.put(request.opaque(), future);
        String peer = Channels.remoteAddress(channel);
        rpcHooks.forEach(h -> h.doBeforeRequest(peer, request));
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                failPending(future, new RemotingSendRequestException("send request to " + peer + " failed",
                        f.cause()));
            }
        });
    }

    void invokeOneway(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        request.markOneway();
        if (!onewayPermits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new RemotingTooMuchRequestException("too many oneway requests in flight waiting "
                    + timeoutMillis + " ms");
        }
        String peer = Channels.remoteAddress(channel);
        rpcHooks.forEach(h -> h.doBeforeRequest(peer, request));
        channel.writeAndFlush(request).addListener(f -> {
            onewayPermits.release();
            if (!f.isSuccess()) {
                LOG.warn("oneway request code {} to {} not sent: {}", request.code(), peer, f.cause().toString());
            }
        });
    }

    /** Fails the requests still waiting on a channel that just closed, instead of letting them time out. */
    void failPendingOn(Channel channel) {
        // Opaques are process-wide; a closed channel's requests are found by the channel they were written to.
        pending.values().removeIf(future -> {
            if (future.channel() == channel) {
                failAndNotify(future, new RemotingSendRequestException("connection to "
                        + Channels.remoteAddress(channel) + " closed before the response arrived"));
                return true;
            }
            return false;
        });
    }

    private void failPending(ResponseFuture future, RemotingException failure) {
        pending.remove(future.opaque());
        failAndNotify(future, failure);
    }

    private void failAndNotify(ResponseFuture future, RemotingException failure) {
        if (future.fail(failure) && future.callback() != null) {
            runCallback(future);
        }
    }

    private void runCallback(ResponseFuture future) {
        Runnable call = () -> {
            try {
                future.callback().onComplete(future.response(), future.failure());
            } catch (RuntimeException e) {
                LOG.warn("invoke callback for opaque {} failed", future.opaque(), e);
            }
        };
        try {
            callbackExecutor().execute(call);
        } catch (RejectedExecutionException e) {
            call.run();
        }
    }

    private final class TimeoutScan implements ServiceLoop {
        private final String role;

        TimeoutScan(String role) {
            this.role = role;
        }

        @Override
        public String roleName() {
            return role;
        }

        @Override
        public int doWork() {
            long now = System.currentTimeMillis();
            int expired = 0;
            for (ResponseFuture future : pending.values()) {
                if (future.callback() != null && future.isExpired(now) && pending.remove(future.opaque(), future)) {
                    failAndNotify(future, new RemotingTimeoutException("no response for opaque " + future.opaque()
                            + " within its timeout"));
                    expired++;
                }
            }
            return expired;
        }
    }
}
