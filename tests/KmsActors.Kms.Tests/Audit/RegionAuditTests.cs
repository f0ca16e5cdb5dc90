using KmsActors.Kms.Audit;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Regions;

namespace KmsActors.Kms.Tests.Audit;

/// <summary>What the region answers itself, it audits on the EventStream — successes and errors alike.</summary>
public sealed class RegionAuditTests : RegionTestBase
{
    [Fact]
    public async Task create_alias_is_audited_with_the_alias_and_key_as_resources()
    {
        var keyId = await CreateKey();
        var audit = CreateTestProbe();
        Sys.EventStream.Subscribe(audit, typeof(AuditRecord));

        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = keyId });

        var record = audit.ExpectMsg<AuditRecord>();
        Assert.Equal(("CreateAlias", AuditRecord.ApiCall, false, null), (record.EventName, record.EventType, record.ReadOnly, record.ErrorCode));
        Assert.Equal([AliasArn("alias/app"), KeyArn(keyId)], record.Resources.Select(r => r.Arn));
        Assert.Equal("alias/app", record.RequestParameters!["aliasName"]);
        Assert.Null(record.ResponseElements);
        Assert.Equal(Scheduler.Now, record.EventTime);
    }

    [Fact]
    public async Task a_not_found_answered_by_the_region_is_audited_with_its_error()
    {
        var audit = CreateTestProbe();
        Sys.EventStream.Subscribe(audit, typeof(AuditRecord));

        await Refused(() => Call(new EncryptRequest { KeyId = "alias/none", Plaintext = [42] }));

        var record = audit.ExpectMsg<AuditRecord>();
        Assert.Equal(("Encrypt", KmsErrorCodes.NotFoundException, $"Alias {AliasArn("alias/none")} is not found."), (record.EventName, record.ErrorCode, record.ErrorMessage));
        Assert.False(record.RequestParameters!.ContainsKey("plaintext"));
    }

    [Fact]
    public async Task generate_random_is_audited_without_its_plaintext()
    {
        var audit = CreateTestProbe();
        Sys.EventStream.Subscribe(audit, typeof(AuditRecord));

        await Engine.GenerateRandom(new GenerateRandomRequest { NumberOfBytes = 32 });

        var record = audit.ExpectMsg<AuditRecord>();
        Assert.Equal(32, record.RequestParameters!["numberOfBytes"]);
        Assert.True(record.ReadOnly);
        Assert.Null(record.ResponseElements);
    }
}
