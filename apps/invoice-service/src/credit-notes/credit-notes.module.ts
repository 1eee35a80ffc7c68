import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { translateLiterally } from '@portico/i18n';
import { I18nService } from 'nestjs-i18n';
import { PartiesModule } from '../parties/parties.module';
import { InvoicePdfTemplate } from '../pdf/invoice-pdf-template';
import { PdfModule } from '../pdf/pdf.module';
import { CREDIT_NOTE_MODEL, CreditNoteSchema } from './credit-note.model';
import { CREDIT_NOTE_PDF_TEMPLATE } from './credit-note-pdf-template';
import { CreditNotesConsumer } from './credit-notes.consumer';
import { CreditNotesRepository } from './credit-notes.repository';
import { CreditNotesRpcHandler } from './credit-notes.rpc-handler';
import { CreditNotesService } from './credit-notes.service';

/** Credit notes: stored from upstream events, listed for the portal, rendered as PDFs. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: CREDIT_NOTE_MODEL, schema: CreditNoteSchema }]),
    PartiesModule,
    PdfModule,
  ],
  controllers: [CreditNotesConsumer, CreditNotesRpcHandler],
  providers: [
    {
      provide: CREDIT_NOTE_PDF_TEMPLATE,
      inject: [I18nService],
      useFactory: (i18n: I18nService) =>
        new InvoicePdfTemplate(
          (key, lang, args) =>
            translateLiterally((k, l) => i18n.t<string, string>(k, { lang: l }), key, lang, args),
          'credit-note.hbs',
        ),
    },
    CreditNotesRepository,
    CreditNotesService,
  ],
})
export class CreditNotesModule {}
