package io.apogee.store.ha;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** A hand-written HA slave on a blocking socket: sends 8-byte reports, reads {@code offset | size | bytes} frames. */
final class RawSlave implements AutoCloseable {

    /** One frame from the master. */
    record Frame(long offset, byte[] data) {
        boolean heartbeat() {
            return data.length == 0;
        }

        long end() {
            return offset + data.length;
        }
    }

    private final Socket socket;
    private final DataInputStream in;

    RawSlave(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
    }

    void report(long offset) throws IOException {
        socket.getOutputStream().write(ByteBuffer.allocate(8).putLong(offset).array());
        socket.getOutputStream().flush();
    }

    Frame read() throws IOException {
        long offset = in.readLong();
        int size = in.readInt();
        byte[] data = new byte[size];
        in.readFully(data);
        return new Frame(offset, data);
    }

    /** The next frame carrying data, skipping heartbeats. */
    Frame readData() throws IOException {
        Frame f;
        do {
            f = read();
        } while (f.heartbeat());
        return f;
    }

    /** Whether the master closed the connection within {@code millis}, skipping frames still arriving. */
    boolean closedByMasterWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) {
                read();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
