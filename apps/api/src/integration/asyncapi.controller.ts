import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { buildAsyncApiDocument, type AsyncApiDocument } from '@ledger/contracts';
import { Public } from '@ledger/runtime';

/**
 * GET /asyncapi.json: the AsyncAPI 3 document of the public event contract (channels, messages,
 * JSON Schemas). Public like /health and /docs: it describes the contract, it holds no data.
 */
@ApiTags('integration')
@Controller()
export class AsyncApiController {
  /** Built once: the contract is fixed for the life of the process. */
  private readonly document = buildAsyncApiDocument();

  @Get('asyncapi.json')
  @Public()
  @ApiOperation({ summary: 'The AsyncAPI 3 document of the public events (feed and webhooks)' })
  asyncApi(): AsyncApiDocument {
    return this.document;
  }
}
