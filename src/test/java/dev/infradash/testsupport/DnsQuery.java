package dev.infradash.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** One DNS question over UDP to a loopback resolver, enough to tell whether it answers a name. */
public final class DnsQuery {

    private DnsQuery() {}

    /** Whether the resolver on 127.0.0.1:port answers an A query for {@code name} with NOERROR within half a second. */
    public static boolean answers(int port, String name) {
        ByteArrayOutputStream query = new ByteArrayOutputStream();
        // id 0x1234, recursion desired, one question
        query.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
        for (String label : name.split("\\.")) {
            query.write(label.length());
            query.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        query.writeBytes(new byte[] {0x00, 0x00, 0x01, 0x00, 0x01}); // root label, type A, class IN
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(500);
            byte[] out = query.toByteArray();
            socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket answer = new DatagramPacket(new byte[512], 512);
            socket.receive(answer);
            return answer.getLength() > 3 && (answer.getData()[3] & 0x0f) == 0; // RCODE 0: NOERROR
        } catch (IOException e) {
            return false; // refused (nothing listens) or timed out
        }
    }
}
