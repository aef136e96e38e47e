import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** Starts mongo-java-server on 127.0.0.1:PORT and keeps it running until the process is killed. */
public final class MongoWireTestServer {
  /**
   * mongo-java-server 1.47 reports wire version 8 at most, and the Node.js driver 7 refuses anything
   * below 9. The backend uses the version only for what hello/buildInfo report, so report MongoDB 5.0's
   * real wire version (13); the commands our code sends are the portable subset either way.
   */
  private static final MongoVersion REPORTED_VERSION = new MongoVersion() {
    @Override public List<Integer> getVersionArray() { return List.of(5, 0, 0); }
    @Override public int getWireVersion() { return 13; }
  };

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
    MongoServer server = new MongoServer(new MemoryBackend().version(REPORTED_VERSION));
    server.bind("127.0.0.1", port);
    System.out.println("mongo-java-server listening on 127.0.0.1:" + port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    Thread.currentThread().join();
  }
}
