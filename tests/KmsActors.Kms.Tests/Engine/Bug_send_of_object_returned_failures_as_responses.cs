using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Engine;

public sealed class Bug_send_of_object_returned_failures_as_responses : EngineTestBase
{
    [Fact]
    public async Task send_typed_as_object_throws_the_aws_error_instead_of_returning_it()
    {
        var error = await Assert.ThrowsAsync<KmsException>(() =>
            Engine.Send<object>(new DescribeKeyRequest { KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab" }));

        Assert.Equal(KmsErrorCodes.NotFoundException, error.ErrorCode);
    }

    [Fact]
    public async Task send_typed_as_object_returns_the_response_record_on_success()
    {
        var created = await Engine.Send<object>(new CreateKeyRequest { Origin = OriginType.EXTERNAL });

        Assert.Equal(KeyState.PendingImport, Assert.IsType<CreateKeyResponse>(created).KeyMetadata!.KeyState);
    }
}
