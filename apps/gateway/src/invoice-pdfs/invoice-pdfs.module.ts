import { Module } from '@nestjs/common';
import { InvoicePdfDownloads } from './invoice-pdf-downloads';

/** One PDF cache per gateway process, shared by the portal's and the operator's downloads. */
@Module({ providers: [InvoicePdfDownloads], exports: [InvoicePdfDownloads] })
export class InvoicePdfsModule {}
