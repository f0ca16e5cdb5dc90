using KmsActors.CrashHarness;

namespace KmsActors.Kms.Tests.Persistence.Crash;

/// <summary>The crash harness's record lines: each reaches standard output in one write, and what a SIGKILL leaves of a line written in more than one piece is no record.</summary>
public sealed class AckLineTests
{
    private static readonly AckLine EncryptAck = new(AckLine.Ack, 3, ByokOp.Encrypt, "1234abcd-12ab-34cd-56ef-1234567890ab",
        [Convert.ToBase64String(new byte[24]), Convert.ToBase64String(Enumerable.Range(0, 180).Select(i => (byte)i).ToArray())]);

    [Fact]
    public void a_whole_line_reads_back_as_its_record()
    {
        var read = AckLine.Parse(EncryptAck.Format());

        Assert.NotNull(read);
        Assert.Equal((EncryptAck.Kind, EncryptAck.Worker, EncryptAck.Op, EncryptAck.Key), (read.Kind, read.Worker, read.Op, read.Key));
        Assert.Equal(EncryptAck.Args, read.Args);
    }

    [Fact]
    public void the_start_of_a_line_cut_anywhere_is_no_record()
    {
        var line = EncryptAck.Format();
        Assert.True(line.Length > 256, "Longer than the console writer's buffer, as an Encrypt's ACK is.");

        for (var cut = 0; cut < line.Length; cut++)
            Assert.Null(AckLine.Parse(line[..cut]));
    }

    [Fact]
    public void the_log_hands_each_line_to_standard_output_in_one_write_so_no_kill_can_cut_it()
    {
        var stdout = new WriteCountingStream();
        var log = new AckLog(TextWriter.Synchronized(new StringWriter()), stdout);

        log.Write(EncryptAck);
        log.Write(EncryptAck with { Kind = AckLine.Begin, Args = [] });

        Assert.Equal(2, stdout.Writes);
        var lines = System.Text.Encoding.UTF8.GetString(stdout.ToArray()).Split('\n');
        Assert.Equal([EncryptAck.Format(), (EncryptAck with { Kind = AckLine.Begin, Args = [] }).Format(), ""], lines);
    }

    /// <summary>A stream that counts the writes it is handed.</summary>
    private sealed class WriteCountingStream : Stream
    {
        private readonly MemoryStream _written = new();

        public int Writes { get; private set; }

        public byte[] ToArray() => _written.ToArray();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            _written.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written.Length;
        public override long Position { get => _written.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
