using KmsActors.CrashHarness;

namespace KmsActors.Kms.Tests.Persistence.Crash;

/// <summary>The crash harness's record lines: what a SIGKILL leaves of a line written in more than one piece is no record.</summary>
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
}
