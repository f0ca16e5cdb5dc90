using System.Threading.Channels;
using Akka.Actor;
using KmsActors.Hosting;
using KmsActors.Kms.Audit;

namespace KmsActors.Console.Live;

/// <summary>
/// The audit records the console has seen since the server started: IKmsClient.AuditTrail() is a live stream from the
/// moment it is opened and the engine keeps no history, so the console opens one when the host starts and keeps the
/// most recent records in a bounded ring (kms.console.audit-history; 0 keeps none) for the Audit page's first view,
/// and hands each new record to the pages following the stream (server-sent events, AuditStreamEndpoint).
/// </summary>
public sealed class AuditHistory : IDisposable
{
    public const string Setting = "kms.console.audit-history";

    /// <summary>Records a slow reader may fall behind before the oldest unread are dropped (a stalled browser tab
    /// must not hold the server's memory).</summary>
    public const int FollowerBacklog = 1_000;

    private readonly IKmsClient _kms;
    private readonly Lock _gate = new();
    private readonly AuditEntry?[] _ring;
    private readonly List<ChannelWriter<AuditEntry>> _followers = [];
    private readonly CancellationTokenSource _stop = new();
    private long _sequence;
    private bool _ended;
    private Task _pump = Task.CompletedTask;

    public AuditHistory(IKmsClient kms, ActorSystem system)
    {
        _kms = kms;
        Capacity = Math.Max(0, system.Settings.Config.GetInt(Setting, 1000));
        _ring = new AuditEntry?[Capacity];
    }

    /// <summary>How many records the ring keeps (kms.console.audit-history).</summary>
    public int Capacity { get; }

    /// <summary>Opens the audit trail now (records published from here on are seen) and reads it in the background.</summary>
    public void Start()
    {
        var trail = _kms.AuditTrail(_stop.Token);
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var record in trail.ConfigureAwait(false))
                    Add(record);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                lock (_gate)
                {
                    _ended = true;
                    foreach (var follower in _followers)
                        follower.TryComplete();
                }
            }
        });
    }

    /// <summary>The most recent entries matching <paramref name="filter"/>, newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<AuditEntry> Recent(AuditFilter filter, int limit)
    {
        var found = new List<AuditEntry>();
        foreach (var entry in Snapshot())
        {
            if (found.Count == limit)
                break;
            if (filter.Matches(entry))
                found.Add(entry);
        }
        return found;
    }

    /// <summary>The sequence number of the newest entry received (0 before any): a page rendered now asks the stream
    /// for what comes after it.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
                return _sequence;
        }
    }

    /// <summary>Follows the trail: entries still in the ring after <paramref name="after"/> (none when null), then
    /// every new one. Dispose to stop following.</summary>
    public AuditFollower Follow(long? after)
    {
        var channel = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(FollowerBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        IReadOnlyList<AuditEntry> backlog;
        lock (_gate)
        {
            _followers.Add(channel.Writer);
            if (_ended)
                channel.Writer.TryComplete();
            backlog = after is { } seen ? Snapshot().Where(e => e.Sequence > seen).Reverse().ToList() : [];
        }
        return new AuditFollower(backlog, channel.Reader, () =>
        {
            lock (_gate)
                _followers.Remove(channel.Writer);
        });
    }

    private void Add(AuditRecord record)
    {
        lock (_gate)
        {
            // Numbered under the lock: a page that read LastSequence either finds the entry in the ring or gets it live.
            var entry = new AuditEntry(++_sequence, record);
            if (_ring.Length > 0)
                _ring[(int)((entry.Sequence - 1) % _ring.Length)] = entry;
            foreach (var follower in _followers)
                follower.TryWrite(entry);
        }
    }

    /// <summary>The ring's entries, newest first.</summary>
    private List<AuditEntry> Snapshot()
    {
        lock (_gate)
        {
            var entries = new List<AuditEntry>(_ring.Length);
            var newest = _sequence;
            for (var sequence = newest; sequence > 0 && sequence > newest - _ring.Length; sequence--)
                if (_ring[(int)((sequence - 1) % _ring.Length)] is { } entry && entry.Sequence == sequence)
                    entries.Add(entry);
            return entries;
        }
    }

    /// <summary>Closes the audit trail and ends every follower's stream (the host is stopping).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
    }

    public void Dispose() => _stop.Dispose();
}
