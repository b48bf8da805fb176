package org.twice.worker.plane;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native memory recycled by type and length while a network maps planes. A forward pass over a
 * plane's 2,500 points makes arrays of tens of megabytes, and a fresh native array is memory the
 * system maps, faults in page by page and zeroes; the layers of a network repeat the same few
 * sizes, so a buffer given back after its last reader is taken again by a later layer or batch.
 * Closing the pool frees all it ever handed out. Not thread-safe.
 */
public final class ArrayPool implements AutoCloseable {
  private record Size(DataType type, long length) {}

  private final Map<Size, ArrayDeque<DataBuffer>> idle = new HashMap<>();
  private final Set<DataBuffer> idleSet = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<DataBuffer> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  private final LayerWorkspaceMgr layers = new Layers(this);

  /** An array of the given shape on an idle buffer of its size, or on a new one; not zeroed. */
  INDArray take(DataType type, long[] shape, char order) {
    long length = ArrayUtil.prodLong(shape);
    ArrayDeque<DataBuffer> buffers = idle.get(new Size(type, length));
    DataBuffer buffer;
    if (buffers == null || buffers.isEmpty()) {
      try (MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        buffer = Nd4j.createBuffer(type, length, false);
      }
      owned.add(buffer);
    } else {
      buffer = buffers.pop();
      idleSet.remove(buffer);
    }
    return Nd4j.create(buffer, shape, Nd4j.getStrides(shape, order), 0, order, type);
  }

  /**
   * Takes back the memory of an array that came from here, unless it already has it; the caller
   * makes sure nothing reads that memory any more. Arrays from elsewhere are left alone.
   */
  void give(INDArray array) {
    DataBuffer buffer = ownedBuffer(array);
    if (buffer != null && idleSet.add(buffer)) {
      idle.computeIfAbsent(new Size(buffer.dataType(), buffer.length()), size -> new ArrayDeque<>())
          .push(buffer);
    }
  }

  /** Whether the array's memory came from here. */
  boolean owns(INDArray array) {
    return ownedBuffer(array) != null;
  }

  /**
   * A workspace manager for DL4J's layers that allocates every array of theirs from this pool and
   * never copies an array between workspaces, there being none.
   */
  LayerWorkspaceMgr layers() {
    return layers;
  }

  /** An empty pool. */
  public ArrayPool() {}

  /** Frees every buffer the pool handed out; arrays taken from it must not be used after. */
  @Override
  public void close() {
    for (DataBuffer buffer : owned) {
      buffer.close();
    }
    owned.clear();
    idle.clear();
    idleSet.clear();
  }

  private DataBuffer ownedBuffer(INDArray array) {
    DataBuffer buffer = array.data();
    if (owned.contains(buffer)) {
      return buffer;
    }
    DataBuffer original = buffer.originalDataBuffer();
    return original != null && owned.contains(original) ? original : null;
  }

  /** DL4J's allocation calls, answered from the pool. */
  private static final class Layers extends LayerWorkspaceMgr {
    private final ArrayPool pool;

    Layers(ArrayPool pool) {
      super(EnumSet.allOf(ArrayType.class), new HashMap<>(), new HashMap<>());
      this.pool = pool;
    }

    @Override
    public INDArray createUninitialized(ArrayType kind, DataType type, long... shape) {
      return pool.take(type, shape, 'c');
    }

    @Override
    public INDArray createUninitialized(ArrayType kind, DataType type, long[] shape, char order) {
      return pool.take(type, shape, order);
    }

    @Override
    public INDArray create(ArrayType kind, DataType type, long... shape) {
      return pool.take(type, shape, 'c').assign(0);
    }

    @Override
    public INDArray create(ArrayType kind, DataType type, long[] shape, char order) {
      return pool.take(type, shape, order).assign(0);
    }

    @Override
    public INDArray dup(ArrayType kind, INDArray array, char order) {
      return pool.take(array.dataType(), array.shape(), order).assign(array);
    }

    @Override
    public INDArray dup(ArrayType kind, INDArray array) {
      return dup(kind, array, array.ordering());
    }

    @Override
    public INDArray leverageTo(ArrayType kind, INDArray array) {
      return array;
    }

    @Override
    public INDArray validateArrayLocation(
        ArrayType kind, INDArray array, boolean migrateIfInvalid, boolean exceptionIfDetached) {
      return array;
    }
  }
}
