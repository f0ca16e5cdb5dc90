using System.Threading.Channels;

namespace KmsActors.Console.Live;

/// <summary>One reader of the audit trail (AuditHistory.Follow): what the ring still held after the reader's last
/// entry, then the live entries. Disposing stops the following.</summary>
public sealed class AuditFollower(IReadOnlyList<AuditEntry> backlog, ChannelReader<AuditEntry> live, Action unfollow) : IDisposable
{
    public IReadOnlyList<AuditEntry> Backlog { get; } = backlog;

    public ChannelReader<AuditEntry> Live { get; } = live;

    public void Dispose() => unfollow();
}
