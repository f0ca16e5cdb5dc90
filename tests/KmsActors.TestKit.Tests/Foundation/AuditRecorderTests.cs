using KmsActors.Kms.Audit;

namespace KmsActors.TestKit.Tests.Foundation;

public sealed class AuditRecorderTests : KmsTestKit
{
    [Fact]
    public async Task a_flush_completes_once_every_record_published_before_it_is_recorded()
    {
        var recorder = AuditRecorder.Start(Sys);
        var published = Enumerable.Range(0, 500)
            .Select(i => AuditRecord.ForServiceEvent("DeleteKey", "111122223333", "us-east-1", $"arn:aws:kms:us-east-1:111122223333:key/k{i}", null, DateTimeOffset.UnixEpoch))
            .ToList();

        foreach (var record in published)
            Sys.EventStream.Publish(record);
        await recorder.FlushAsync();

        Assert.Equal(published, recorder.Records);
    }
}
