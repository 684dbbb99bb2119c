package io.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * All of keras4j's HDF5 goes through here, on jhdf ({@code io.jhdf:jhdf}), with the checks and the
 * workarounds that Keras files need in one place:
 * <ul>
 * <li><b>Reading is bounded</b>: before a dataset or attribute is read, its element count times
 * its element size is checked against the size of the file (the data of an uncompressed dataset
 * lies in the file), so a forged dimension cannot make us allocate more than the file holds.
 * Datasets with filters (compression) are refused: Keras never compresses its weights, and a
 * compressed dataset could expand without bound. Every jhdf failure becomes a
 * {@link KerasFileException} naming the HDF5 path.</li>
 * <li><b>Writing works around a jhdf 0.13.0 bug</b>: {@code WritableHdfFile.close()} writes the
 * tree, then its "jHDF info" string at the channel's current position, which is the end of the
 * last dataset written. Groups written after that dataset (an empty {@code vars} group of a
 * layer without weights, which Keras files have) are then overwritten and the file is unreadable.
 * We write the same tree a second time into a scratch file (the root group's write is
 * deterministic), and after {@code close()} copy the tree's bytes back over the damaged region.
 * The root group is a private field of jhdf: read by reflection, once, here. jhdf's
 * {@code _jHDF} root attribute is removed so the file's attributes are Keras's alone.</li>
 * </ul>
 */
public final class H5 {
    private H5() {}

    // ---------------------------------------------------------------- reading

    /** Opens HDF5 bytes (a file's content or a zip entry's); {@code file} names it in errors. */
    public static HdfFile open(byte[] bytes, String file) {
        if (bytes.length < 8 || (bytes[0] & 0xff) != 0x89 || bytes[1] != 'H' || bytes[2] != 'D' || bytes[3] != 'F') {
            throw new KerasFileException(file, null, "not an HDF5 file (no HDF5 signature)");
        }
        try {
            return HdfFile.fromBytes(bytes);
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFileException(file, null, "unreadable HDF5: " + e.getMessage(), e);
        }
    }

    /** The node at {@code path}, or null when absent (or unreadable). */
    public static Node node(Group g, String path, String file) {
        try {
            Node cur = g;
            for (String part : path.split("/")) {
                if (part.isEmpty()) continue;
                if (!(cur instanceof Group)) return null;
                Node next = ((Group) cur).getChildren().get(part);
                if (next == null) return null;
                cur = next;
            }
            return cur;
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFileException(file, path, "unreadable HDF5 group: " + e.getMessage(), e);
        }
    }

    /** The group at {@code path}, or null when absent. */
    public static Group group(Group g, String path, String file) {
        Node n = node(g, path, file);
        if (n == null) return null;
        if (!(n instanceof Group)) throw new KerasFileException(file, path, "expected a group, found a dataset");
        return (Group) n;
    }

    /** The children names of {@code g} in the file's order. */
    public static List<String> children(Group g, String file) {
        try {
            return new ArrayList<>(g.getChildren().keySet());
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFileException(file, g.getPath(), "unreadable HDF5 group: " + e.getMessage(), e);
        }
    }

    /** A numeric dataset as floats with its shape, after the size checks. */
    public static Array readArray(Dataset d, long fileSize, String file) {
        String path = d.getPath();
        try {
            if (!d.getFilters().isEmpty()) throw new KerasFileException(file, path, "compressed datasets are not supported");
            long[] dims = d.getDimensionsAsLong();
            if (dims.length > 32) throw new KerasFileException(file, path, dims.length + " dimensions");
            long n = 1;
            int[] shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) throw new KerasFileException(file, path, "dimension " + dims[i]);
                shape[i] = (int) dims[i];
                n = Math.multiplyExact(n, dims[i]);
                if (n > fileSize) throw new KerasFileException(file, path, "declares more elements than the file has bytes (" + fileSize + ")");
            }
            Class<?> t = d.getJavaType();
            int elem = t == double.class || t == long.class || t == Double.class || t == Long.class ? 8
                    : t == float.class || t == int.class || t == Float.class || t == Integer.class ? 4 : -1;
            if (elem < 0 && (t == short.class || t == Short.class)) elem = 2;
            if (elem < 0 && (t == byte.class || t == Byte.class)) elem = 1;
            if (elem < 0) throw new KerasFileException(file, path, "not a numeric dataset (" + t.getSimpleName() + ")");
            if (n * elem > fileSize) throw new KerasFileException(file, path, n * elem + " bytes of data in a file of " + fileSize);
            Object data = d.isScalar() ? d.getData() : d.getDataFlat();
            return new Array(toFloats(data, (int) n, file, path), shape, data);
        } catch (KerasFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFileException(file, path, "unreadable dataset: " + e.getMessage(), e);
        }
    }

    private static float[] toFloats(Object data, int n, String file, String path) {
        float[] out = new float[n];
        if (data instanceof float[]) System.arraycopy(data, 0, out, 0, Math.min(n, ((float[]) data).length));
        else if (data instanceof double[]) for (int i = 0; i < n; i++) out[i] = (float) ((double[]) data)[i];
        else if (data instanceof int[]) for (int i = 0; i < n; i++) out[i] = ((int[]) data)[i];
        else if (data instanceof long[]) for (int i = 0; i < n; i++) out[i] = ((long[]) data)[i];
        else if (data instanceof short[]) for (int i = 0; i < n; i++) out[i] = ((short[]) data)[i];
        else if (data instanceof byte[]) for (int i = 0; i < n; i++) out[i] = ((byte[]) data)[i];
        else if (data instanceof Number && n == 1) out[0] = ((Number) data).floatValue();
        else throw new KerasFileException(file, path, "unexpected dataset data " + (data == null ? "null" : data.getClass().getSimpleName()));
        return out;
    }

    /** A dataset's values: floats in row-major order, the shape, and jhdf's raw data (for int64 counters). */
    public static final class Array {
        public final float[] data;
        public final int[] shape;
        final Object raw;

        Array(float[] data, int[] shape, Object raw) {
            this.data = data;
            this.shape = shape;
            this.raw = raw;
        }

        /** The value of a scalar integer dataset (Keras's {@code iterations}), exactly. */
        public long longValue() {
            if (raw instanceof Long) return (Long) raw;
            if (raw instanceof long[] && ((long[]) raw).length == 1) return ((long[]) raw)[0];
            if (raw instanceof Number) return ((Number) raw).longValue();
            return (long) data[0];
        }
    }

    /** A string attribute (or null when absent); string arrays are refused here. */
    public static String stringAttribute(Node n, String name, long fileSize, String file) {
        Object v = attribute(n, name, fileSize, file);
        if (v == null) return null;
        if (v instanceof String) return (String) v;
        if (v instanceof byte[]) return new String((byte[]) v, java.nio.charset.StandardCharsets.UTF_8);
        throw new KerasFileException(file, n.getPath() + "@" + name, "expected a string attribute, got " + v.getClass().getSimpleName());
    }

    /** A string-list attribute such as {@code layer_names}/{@code weight_names} (an empty list when empty or absent). */
    public static List<String> stringListAttribute(Node n, String name, long fileSize, String file) {
        Object v = attribute(n, name, fileSize, file);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (v instanceof String) {
            out.add((String) v);
            return out;
        }
        if (v instanceof Object[]) {
            for (Object o : (Object[]) v) {
                if (o instanceof String) out.add((String) o);
                else if (o instanceof byte[]) out.add(new String((byte[]) o, java.nio.charset.StandardCharsets.UTF_8));
                else throw new KerasFileException(file, n.getPath() + "@" + name, "expected strings, got " + (o == null ? "null" : o.getClass().getSimpleName()));
            }
            return out;
        }
        throw new KerasFileException(file, n.getPath() + "@" + name, "expected a list of strings, got " + v.getClass().getSimpleName());
    }

    private static Object attribute(Node n, String name, long fileSize, String file) {
        String where = n.getPath() + "@" + name;
        try {
            Attribute a = n.getAttributes().get(name);
            if (a == null || a.isEmpty()) return null;
            long size = a.getSize();
            if (size < 0 || size > fileSize) throw new KerasFileException(file, where, "declares " + size + " elements in a file of " + fileSize + " bytes");
            return a.getData();
        } catch (KerasFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasFileException(file, where, "unreadable attribute: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- writing

    /** Builds an HDF5 file's tree on a {@link WritableGroup} (the root). */
    @FunctionalInterface
    public interface Content {
        void write(WritableGroup root);
    }

    /**
     * Writes an HDF5 file to {@code target} (overwritten) with the tree {@code content} builds;
     * see the class comment for the jhdf workaround.
     */
    public static void write(Path target, Content content) throws IOException {
        Files.deleteIfExists(target); // jhdf writes over an existing file without truncating it

        Path scratch = Files.createTempFile(target.toAbsolutePath().getParent(), ".keras4j-h5-", ".tmp");
        try {
            long end;
            WritableHdfFile f = HdfFile.write(target);
            try {
                f.removeAttribute("_jHDF");
                content.write(f);
                try (FileChannel fc = FileChannel.open(scratch, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                    end = rootGroup(f).write(new HdfFileChannel(fc, null), WritableHdfFile.ROOT_GROUP_ADDRESS);
                }
            } finally {
                f.close();
            }
            byte[] tree = Files.readAllBytes(scratch);
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
                long from = WritableHdfFile.ROOT_GROUP_ADDRESS;
                out.write(java.nio.ByteBuffer.wrap(tree, (int) from, (int) (Math.min(end, tree.length) - from)), from);
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** Writes to memory (for a zip entry) through a temporary file. */
    public static byte[] toBytes(Path folder, Content content) throws IOException {
        Path tmp = Files.createTempFile(folder, ".keras4j-", ".h5");
        try {
            write(tmp, content);
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static WritableGroup rootGroup(WritableHdfFile f) {
        try {
            Field rf = WritableHdfFile.class.getDeclaredField("rootGroup");
            rf.setAccessible(true);
            return (WritableGroup) rf.get(f);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this jhdf version is not the one keras4j's HDF5 workaround was written for "
                    + "(io.jhdf:jhdf 0.13.0)", e);
        }
    }
}
