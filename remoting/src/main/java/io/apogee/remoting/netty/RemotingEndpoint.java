package io.apogee.remoting.netty;

import io.apogee.common.service.ServiceLoop;
import io.apogee.common.service.ServiceRunner;
import io.apogee.remoting.ChannelEventListener;
import io.apogee.remoting.InvokeCallback;
import io.apogee.remoting.RequestProcessor;
import io.apogee.remoting.RequestRefusedException;
import io.apogee.remoting.RpcHook;
import io.apogee.remoting.exception.RemotingException;
import io.apogee.remoting.exception.RemotingSendRequestException;
import io.apogee.remoting.exception.RemotingTimeoutException;
import io.apogee.remoting.exception.RemotingTooMuchRequestException;
import io.apogee.remoting.protocol.RemotingCommand;
import io.apogee.remoting.protocol.RemotingCommandException;
import io.apogee.remoting.protocol.Reply;
import io.apogee.remoting.protocol.ResponseCode;
import io.apogee.remoting.protocol.Rocketmq5OnlyRequests;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server and a client share: requests in either direction on a channel, correlated by opaque; incoming
 * requests dispatched to processors by code on their executors; a scan that fails requests past their timeout.
 *
 * <p>Every response to an incoming request leaves through {@link #process}: processed, refused (unknown code, flow
 * control) or completed later, it passes the hooks exactly once and is written (or its write failure logged) here.
 */
abstract class RemotingEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(RemotingEndpoint.class);
    private static final long TIMEOUT_SCAN_MILLIS = 100;
    static final String OVERLOAD_REMARK = "[OVERLOAD]system busy, start flow control for a while";
    private static final RequestProcessor NOT_SUPPORTED = (channel, request) -> RemotingCommand.response(
            ResponseCode.REQUEST_CODE_NOT_SUPPORTED, Rocketmq5OnlyRequests.notSupportedRemark(request.code()));

    private final Map<Integer, Registration> processors = new ConcurrentHashMap<>();
    private final Map<Integer, ResponseFuture> pending = new ConcurrentHashMap<>();
    /** Copied on registration so that the per-request loops over it allocate nothing. */
    private volatile RpcHook[] rpcHooks = new RpcHook[0];
    private final Semaphore asyncPermits;
    private final Semaphore onewayPermits;
    private final ServiceRunner timeoutScanner;
    private final ChannelEventListener listener;
    /** The server's limits on requests read and not yet answered; {@code null} on a client. */
    private final InflightLimits limits;

    private record Registration(RequestProcessor processor, ExecutorService executor) {
    }

    RemotingEndpoint(String name, int asyncPermits, int onewayPermits, ChannelEventListener listener) {
        this(name, asyncPermits, onewayPermits, listener, null);
    }

    RemotingEndpoint(String name, int asyncPermits, int onewayPermits, ChannelEventListener listener,
            InflightLimits limits) {
        this.limits = limits;
        this.asyncPermits = new Semaphore(asyncPermits, true);
        this.onewayPermits = new Semaphore(onewayPermits, true);
        this.listener = listener != null ? listener : new ChannelEventListener() { };
        this.timeoutScanner = new ServiceRunner(new TimeoutScan(name + "TimeoutScan"), TIMEOUT_SCAN_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Executor that runs asynchronous-invoke callbacks. */
    abstract ExecutorService callbackExecutor();

    /**
     * Routes requests with {@code requestCode} to {@code processor}, run on {@code executor}. A code has one
     * processor; requests with a code that has none are answered {@code REQUEST_CODE_NOT_SUPPORTED}.
     *
     * @throws IllegalStateException when {@code requestCode} already has a processor
     */
    public void registerProcessor(int requestCode, RequestProcessor processor, ExecutorService executor) {
        if (processors.putIfAbsent(requestCode, new Registration(processor, executor)) != null) {
            throw new IllegalStateException("request code " + requestCode + " already has a processor");
        }
    }

    /** Registers each code of a request family with its handler, all run on {@code executor}. */
    public void registerProcessors(Map<Integer, ? extends RequestProcessor> handlers, ExecutorService executor) {
        handlers.forEach((code, processor) -> registerProcessor(code, processor, executor));
    }

    /** Adds a hook (see {@link RpcHook} for what it sees); register before starting so that it sees everything. */
    public synchronized void registerRpcHook(RpcHook hook) {
        RpcHook[] hooks = Arrays.copyOf(rpcHooks, rpcHooks.length + 1);
        hooks[hooks.length - 1] = hook;
        rpcHooks = hooks;
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
        if (limits != null) {
            String refusal = limits.admit(channel, request);
            if (refusal != null) {
                LOG.debug("request code {} from {} refused: {}", request.code(), Channels.remoteAddress(channel),
                        refusal);
                refuse(channel, request, ResponseCode.SYSTEM_BUSY, refusal);
                return;
            }
        }
        Registration reg = processors.get(request.code());
        if (reg == null) {
            LOG.debug("request code {} from {} not supported", request.code(), Channels.remoteAddress(channel));
            process(NOT_SUPPORTED, channel, request);
            return;
        }
        try {
            reg.executor().execute(new RequestTask(channel, request, reg.processor(), this));
        } catch (RejectedExecutionException e) {
            LOG.warn("executor full, request code {} from {} refused", request.code(), Channels.remoteAddress(channel));
            refuse(channel, request, ResponseCode.SYSTEM_BUSY, OVERLOAD_REMARK);
        }
    }

    /** Answers {@code request} with {@code code} and {@code remark} without running its processor. */
    void refuse(Channel channel, RemotingCommand request, int code, String remark) {
        process((ch, r) -> RemotingCommand.response(code, remark), channel, request);
    }

    /**
     * Runs {@code processor} on {@code request} after the before-hooks, then answers with its reply, now or when it
     * completes.
     */
    void process(RequestProcessor processor, Channel channel, RemotingCommand request) {
        String peer = Channels.remoteAddress(channel);
        Reply reply;
        try {
            for (RpcHook hook : rpcHooks) {
                hook.doBeforeRequest(peer, request);
            }
            reply = processor.processRequest(channel, request);
        } catch (Exception | LinkageError | AssertionError e) {
            reply = failed(peer, request, e);
        }
        if (reply instanceof Reply.Later later) {
            later.response().whenComplete((response, failure) -> respond(channel, peer, request,
                    failure == null ? response : failed(peer, request, failure)));
        } else {
            respond(channel, peer, request, (RemotingCommand) reply);
        }
    }

    /** The answer to a request whose processing threw. */
    private static RemotingCommand failed(String peer, RemotingCommand request, Throwable thrown) {
        Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (e instanceof RequestRefusedException refused) {
            LOG.debug("request code {} from {} refused: {}", request.code(), peer, refused.getMessage());
            return RemotingCommand.response(refused.code(), refused.getMessage());
        }
        if (e instanceof RemotingCommandException) {
            LOG.info("bad request code {} from {}: {}", request.code(), peer, e.getMessage());
            return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        LOG.warn("processing request code {} from {} failed", request.code(), peer, e);
        return RemotingCommand.response(ResponseCode.SYSTEM_ERROR, describe(e));
    }

    private static String describe(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length > 0 ? ", " + trace[0] : "";
        return e.getClass().getName() + ": " + e.getMessage() + where;
    }

    /** Ties {@code response} to {@code request}, runs the after-hooks and writes it unless the request is oneway. */
    private void respond(Channel channel, String peer, RemotingCommand request, RemotingCommand response) {
        if (limits != null) {
            limits.release(channel, request);
        }
        if (response != null) {
            response.answering(request).markResponse();
        }
        for (RpcHook hook : rpcHooks) {
            try {
                hook.doAfterResponse(peer, request, response);
            } catch (RuntimeException e) {
                LOG.warn("rpc hook {} failed after request code {} from {}", hook, request.code(), peer, e);
            }
        }
        if (response == null || request.isOneway()) {
            return;
        }
        channel.writeAndFlush(response).addListener(f -> {
            if (!f.isSuccess()) {
                if (channel.isActive()) {
                    LOG.warn("response to request code {} could not be written to {}: {}", request.code(), peer,
                            f.cause().toString());
                } else {
                    LOG.debug("response to request code {} dropped: {} disconnected", request.code(), peer);
                }
            }
        });
    }

    /** The after-hooks of a request this endpoint sent, once its answer came. */
    private void afterAnswer(String peer, RemotingCommand request, RemotingCommand response) {
        for (RpcHook hook : rpcHooks) {
            if (hook.seesRequestsSent()) {
                hook.doAfterResponse(peer, request, response);
            }
        }
    }

    private void beforeSending(String peer, RemotingCommand request) {
        for (RpcHook hook : rpcHooks) {
            if (hook.seesRequestsSent()) {
                hook.doBeforeRequest(peer, request);
            }
        }
    }

    RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        ResponseFuture future = new ResponseFuture(channel, request.opaque(), timeoutMillis, null, null);
        pending.put(request.opaque(), future);
        String peer = Channels.remoteAddress(channel);
        try {
            beforeSending(peer, request);
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
            afterAnswer(peer, request, response);
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
        String peer = Channels.remoteAddress(channel);
        InvokeCallback completion = rpcHooks.length == 0 ? callback : (response, failure) -> {
            if (response != null) {
                afterAnswer(peer, request, response);
            }
            callback.onComplete(response, failure);
        };
        ResponseFuture future = new ResponseFuture(channel, request.opaque(), left, completion, asyncPermits);
        pending.put(request.opaque(), future);
        beforeSending(peer, request);
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
        beforeSending(peer, request);
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
