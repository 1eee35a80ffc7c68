import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { mongo, type Collection, type Connection } from 'mongoose';

/** Well under MongoDB's 16 MB document limit; a bigger PDF is served but not kept. */
const MAX_CACHED_BYTES = 12 * 1024 * 1024;

interface CachedPdf {
  _id: string;
  organization_id: string;
  invoice_id: string;
  locale: string;
  /** Everything the PDF was made from (invoice revision, parties, template); see the service. */
  key: string;
  pdf: mongo.Binary;
  size: number;
  created_at: Date;
}

/**
 * Rendered PDFs in the invoices database, one document per invoice: the newest rendering (a new
 * revision, or another language) replaces the previous one, so the cache never outgrows the
 * invoices. It is read by `_id` only (the one lookup FerretDB's SQLite backend answers from its
 * key; derived from the invoice, so it runs alongside the invoice lookup), and a document counts
 * only when its `key` matches what the PDF would be made from now.
 */
@Injectable()
export class PdfCacheRepository implements OnModuleInit {
  private readonly logger = new Logger(PdfCacheRepository.name);
  private readonly pdfs: Collection<CachedPdf>;

  constructor(@InjectConnection() connection: Connection) {
    this.pdfs = connection.collection<CachedPdf>('invoice_pdfs');
  }

  async onModuleInit(): Promise<void> {
    await this.pdfs.countDocuments({}, { limit: 1 });
  }

  /** The cached PDF and the key it was made under; the caller compares the key. */
  async find(invoiceDocumentId: string): Promise<{ key: string; pdf: Buffer } | null> {
    const cached = await this.pdfs.findOne({ _id: pdfCacheId(invoiceDocumentId) });
    return cached && { key: cached.key, pdf: Buffer.from(cached.pdf.buffer) };
  }

  async save(entry: {
    invoiceDocumentId: string;
    organizationId: string;
    invoiceId: string;
    locale: string;
    key: string;
    pdf: Buffer;
  }): Promise<void> {
    if (entry.pdf.length > MAX_CACHED_BYTES) {
      this.logger.warn(
        `PDF of invoice ${entry.invoiceId} is ${entry.pdf.length} bytes: not cached`,
      );
      return;
    }
    const _id = pdfCacheId(entry.invoiceDocumentId);
    await this.pdfs.updateOne(
      { _id },
      {
        $set: {
          organization_id: entry.organizationId,
          invoice_id: entry.invoiceId,
          locale: entry.locale,
          key: entry.key,
          pdf: new mongo.Binary(entry.pdf),
          size: entry.pdf.length,
          created_at: new Date(),
        },
      },
      { upsert: true },
    );
  }
}

export function pdfCacheId(invoiceDocumentId: string): string {
  return `pdf_${invoiceDocumentId}`;
}
