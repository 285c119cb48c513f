package io.apogee.console.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each aggregated request into an {@link HttpCall}, answers {@code /api/…} through the {@link Router} on a
 * worker thread (handlers may wait on brokers; the event loop never does) and everything else from
 * {@link StaticResources}. Every answer carries the security headers (a strict content security policy, no framing,
 * no sniffing, no referrer).
 */
@ChannelHandler.Sharable
public final class HttpServerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerHandler.class);
    private final Map<String, String> securityHeaders;
    private final Router router;
    private final StaticResources resources;
    private final ExecutorService workers;

    public HttpServerHandler(Router router, StaticResources resources, ExecutorService workers) {
        this.router = router;
        this.resources = resources;
        this.workers = workers;
        this.securityHeaders = Map.of(
                "Content-Security-Policy", "default-src 'self'; script-src " + resources.scriptSources()
                        + "; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
                        + "form-action 'self'; base-uri 'none'",
                "X-Frame-Options", "DENY",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, Reply.error(400, "malformed HTTP request: " + request.decoderResult().cause()), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8);
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
        HttpCall call = new HttpCall(request.method().name(), uri.path(), uri.parameters(),
                request.headers().copy(), ByteBufUtil.getBytes(request.content()), remote);
        if (!call.path().startsWith("/api/")) {
            Reply file = call.method().equals("GET") ? resources.serve(call.path()) : null;
            write(ctx, file != null ? file : Reply.error(404, "no page " + call.path()), keepAlive);
            return;
        }
        try {
            workers.execute(() -> answer(ctx, call, keepAlive));
        } catch (RejectedExecutionException e) {
            write(ctx, Reply.error(503, "the console is stopping or overloaded; try again"), false);
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpCall call, boolean keepAlive) {
        Reply reply = router.dispatch(call);
        if (reply.stream() != null) {
            stream(ctx, reply);
        } else {
            write(ctx, reply.header("Cache-Control", "no-store"), keepAlive);
        }
    }

    private void stream(ChannelHandlerContext ctx, Reply reply) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setTransferEncodingChunked(head, true);
        securityHeaders.forEach(head.headers()::set);
        ctx.writeAndFlush(head);
        EventStream.EventSink sink = new EventStream.EventSink() {
            @Override
            public void send(String event, String data) {
                String frame = "event: " + event + "\ndata: " + data.replace("\n", "\ndata: ") + "\n\n";
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8)));
            }

            @Override
            public boolean isOpen() {
                return ctx.channel().isActive();
            }
        };
        try {
            reply.stream().run(sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("console event stream ended by a failure", e);
        } finally {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        if (reply.contentType() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        securityHeaders.forEach(response.headers()::set);
        reply.headers().forEach(response.headers()::set);
        HttpUtil.setContentLength(response, reply.body().length);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("console connection from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
