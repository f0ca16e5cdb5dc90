using KmsActors.Hosting.Tests.Support;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Hosting.Tests;

public sealed class AuditTrailTests
{
    [Fact]
    public async Task the_audit_trail_yields_a_record_for_every_call_made_after_it_was_opened()
    {
        await using var kms = await KmsHost.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var trail = kms.Client.AuditTrail(cts.Token);
        var bob = new CallerIdentity("111122223333", "arn:aws:iam::111122223333:user/bob");

        var created = await kms.Client.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = "audited" }, bob);
        await Assert.ThrowsAsync<KmsException>(() => kms.Client.DescribeKey(new DescribeKeyRequest { KeyId = "alias/missing" }, bob));

        var records = new List<AuditRecord>();
        await foreach (var record in trail)
        {
            records.Add(record);
            if (records.Count == 2)
                break;
        }

        Assert.Equal(["CreateKey", "DescribeKey"], records.Select(r => r.EventName));
        Assert.All(records, r => Assert.Equal(bob.PrincipalArn, r.UserIdentity.Arn));
        Assert.Contains(created.KeyMetadata!.KeyId!, AuditJson.Render(records[0]));
        Assert.Contains("NotFoundException", AuditJson.Render(records[1]));
    }

    [Fact]
    public async Task the_audit_trail_ends_when_its_token_is_canceled()
    {
        await using var kms = await KmsHost.StartAsync();
        using var cts = new CancellationTokenSource();
        var trail = kms.Client.AuditTrail(cts.Token);
        await kms.Client.GenerateRandom(new GenerateRandomRequest { NumberOfBytes = 8 });

        var seen = new List<string>();
        await foreach (var record in trail)
        {
            seen.Add(record.EventName);
            await cts.CancelAsync();
        }

        Assert.Equal(["GenerateRandom"], seen);
    }
}
